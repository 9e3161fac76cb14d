#[test]
#[ignore]
fn dbg() {
    let root = "../shared/pan13-train";
    let a: Vec<String> = std::env::var("PAIR").unwrap().split(',').map(String::from).collect();
    let src = std::fs::read_to_string(format!("{root}/src/{}", a[1])).unwrap();
    let susp = std::fs::read_to_string(format!("{root}/susp/{}", a[0])).unwrap();
    let lo: usize = a[2].parse().unwrap();
    let hi: usize = a[3].parse().unwrap();
    for (p, s, c, d) in parallax::pair::debug_seeds(&src, &susp, 0.1) {
        if p.end > lo && p.start < hi {
            println!("{:?} {:?} cos {:.3} dice {:.3}", p, s, c, d);
        }
    }
}
