//! The `parallax` command line.

fn main() {
    eprintln!("parallax: usage: parallax compare FILE...");
    std::process::exit(2);
}
