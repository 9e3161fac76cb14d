fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let r = match a.first().map(String::as_str) {
        Some("pan") => parallax::pan::run_pan(&a[1..]),
        Some("pan-eval") => parallax::pan::run_pan_eval(&a[1..]),
        _ => Err("?".into()),
    };
    if let Err(e) = r {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
