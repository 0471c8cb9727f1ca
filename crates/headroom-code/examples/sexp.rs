fn main() {
    let args: Vec<String> = std::env::args().collect();
    let src = std::fs::read_to_string(&args[1]).unwrap();
    let lang =
        headroom_code::Language::from_extension(args[1].rsplit('.').next().unwrap()).unwrap();
    let t = headroom_code::parse(&src, lang).unwrap();
    println!("{}", t.root_node().to_sexp());
}
