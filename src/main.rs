//! The `parallax` command line.

mod cli;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("compare") => cli::compare(&args[1..]),
        Some("pan") => parallax_pan::exit_code(parallax_pan::run_pan(&args[1..])),
        Some("pan-eval") => parallax_pan::exit_code(parallax_pan::run_pan_eval(&args[1..])),
        Some("-h") | Some("--help") | Some("help") => {
            cli::emit(&format!("{}\n", cli::USAGE));
            0
        }
        _ => {
            eprintln!("{}", cli::USAGE);
            2
        }
    };
    std::process::exit(code);
}
