//! Quantities as tools print them: plain numbers, percentages and human sizes (`87%`, `4.0K`, `12G`,
//! `1.5Gi`, `16 kB`, `8192 bytes`, `2MiB`). Tables, listings and logs compare them as numbers, so "the
//! largest" means the same everywhere.

/// A plain decimal number (digits, sign, point, exponent; nothing else).
pub fn number(t: &str) -> Option<f64> {
    let digits = t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
    t.parse::<f64>().ok().filter(|n| n.is_finite() && digits)
}

/// A number with a percent sign or a size unit (binary multiples, as `du`, `ls -h` and `df -h` mean
/// them), in bytes for sizes.
pub fn quantity(t: &str) -> Option<f64> {
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (num, unit) = t.split_at(split);
    let x = number(num)?;
    let unit = unit.strip_prefix(' ').unwrap_or(unit);
    if unit == "%" {
        return Some(x);
    }
    let u = unit.to_ascii_lowercase();
    let u = u.strip_suffix("ytes").map_or(u.as_str(), |s| s);
    let u = u.strip_suffix('b').filter(|s| !s.is_empty()).unwrap_or(u);
    let u = u.strip_suffix('i').unwrap_or(u);
    let power = ["b", "k", "m", "g", "t", "p"].iter().position(|p| *p == u)?;
    Some(x * 1024f64.powi(power as i32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_percentages() {
        let q = |s: &str| quantity(s).unwrap();
        assert_eq!(
            (q("87%"), q("4.0K"), q("12G"), q("1.5Gi"), q("16 kB"), q("8192 bytes"), q("2MiB")),
            (87.0, 4096.0, 12.0 * 1024f64.powi(3), 1.5 * 1024f64.powi(3), 16384.0, 8192.0, 2097152.0)
        );
        assert_eq!((quantity("5 min"), quantity("3x"), number("1.2.3")), (None, None, None));
    }
}
