//! Tells the tests whether the shared development data (`../shared`, beside
//! the checkout) is there: the tests that read it are ignored, with the
//! reason, when it is not, instead of passing without checking anything.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(nazir_shared_data)");
    println!("cargo::rerun-if-changed=../shared");
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if shared.is_dir() {
        println!("cargo::rustc-cfg=nazir_shared_data");
    }
}
