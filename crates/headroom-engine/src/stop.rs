//! When the caller stops waiting. A proxy gives each request a time budget and sends the original once
//! it runs out; work that goes on past that point only takes a core from the next request, so the engine
//! looks at the clock and at the caller's flag between steps and gives up at the first step after either.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct Stop {
    deadline: Option<Instant>,
    /// Raised by the caller (an aborted JS `AbortSignal`).
    flag: Option<Arc<AtomicBool>>,
}

impl Stop {
    /// Never stops.
    pub fn never() -> Stop {
        Stop::default()
    }

    /// Stops `budget` from now (time spent waiting for a thread counts too).
    pub fn after(budget: Duration) -> Stop {
        Stop { deadline: Instant::now().checked_add(budget), flag: None }
    }

    /// Also stops once `flag` is raised.
    pub fn or_when(self, flag: Arc<AtomicBool>) -> Stop {
        Stop { flag: Some(flag), ..self }
    }

    pub fn reached(&self) -> bool {
        self.flag.as_ref().is_some_and(|f| f.load(Ordering::Relaxed)) || self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_budget_is_reached_at_once_and_never_is_never() {
        assert!(Stop::after(Duration::ZERO).reached());
        assert!(!Stop::never().reached());
        assert!(!Stop::after(Duration::from_secs(3600)).reached());
    }

    #[test]
    fn a_raised_flag_stops() {
        let flag = Arc::new(AtomicBool::new(false));
        let stop = Stop::never().or_when(flag.clone());
        assert!(!stop.reached());
        flag.store(true, Ordering::Relaxed);
        assert!(stop.reached());
    }
}
