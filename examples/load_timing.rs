use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let bytes = std::fs::read(&path).unwrap();
    let t_read = t.elapsed();
    let t = Instant::now();
    let decoded = fangtan::parse::encoding::decode(bytes, None).unwrap();
    let t_dec = t.elapsed();
    let t = Instant::now();
    let f = fangtan::parse::detect::detect(&decoded.text, None);
    let t_det = t.elapsed();
    let t = Instant::now();
    let tr = fangtan::parse::parse_as(decoded.text, f).unwrap();
    let t_parse = t.elapsed();
    let t = Instant::now();
    let s = tr.speaker_stats();
    let t_stats = t.elapsed();
    println!(
        "read {t_read:?} decode {t_dec:?} detect {t_det:?} parse {t_parse:?} stats {t_stats:?} turns {} {}",
        tr.turns.len(),
        s.len()
    );
}
