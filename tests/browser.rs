//! The report page in a real browser: headless Chromium renders it at the
//! width of A4 to a PNG, prints it to PDF, and measures that nothing
//! sticks out sideways. `.ci/run` installs Chromium (Debian package
//! `chromium`); where it is missing the test says so and passes, unless
//! `CI` is set, where a missing browser fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{data, run, stderr};

/// A4's width at 96 pixels an inch: 210 mm.
const A4_WIDTH: u32 = 794;
const A4_HEIGHT: u32 = 1123;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Runs Chromium headless on `page` with `args`, in a profile of its own,
/// without the background traffic a closed network refuses.
fn browse(browser: &Path, profile: &Path, page: &Path, args: &[String]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--mute-audio",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={A4_WIDTH},{A4_HEIGHT}"))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

/// The width and height in a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn the_page_renders_in_chromium_at_a4_width_without_overflow() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is missing: .ci/run installs it (apt-get install chromium)"
        );
        eprintln!("skipped: no Chromium on PATH (bash .ci/run installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // The widest page the sample data gives: every month a column, in
    // Vietnamese, the long names of the whole province.
    for (name, extra) in [
        ("plain", &[][..]),
        ("months", &["--by", "month", "--compare", "--forecast"][..]),
    ] {
        let page = dir.path().join(format!("{name}.html"));
        let mut args = vec![
            "--lang".to_string(),
            "vi".into(),
            "report".into(),
            "--year".into(),
            "2023".into(),
            "--as-of".into(),
            "10/10/2023".into(),
            "--precision".into(),
            "2".into(),
            "--output".into(),
            page.display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&data("dak-lak-2023.toml"), &args);
        assert!(o.status.success(), "{}", stderr(&o));

        // Rendered to a picture, as a screen shows it.
        let png = dir.path().join(format!("{name}.png"));
        let o = browse(
            &browser,
            &dir.path().join("profile"),
            &page,
            &[format!("--screenshot={}", png.display())],
        );
        let bytes = std::fs::read(&png).unwrap_or_else(|e| {
            panic!(
                "no screenshot ({e}): {}",
                String::from_utf8_lossy(&o.stderr)
            )
        });
        assert_eq!(png_size(&bytes), (A4_WIDTH, A4_HEIGHT));
        // Not a blank page: a PNG of white alone compresses to almost
        // nothing.
        assert!(bytes.len() > 20_000, "{name}: {} bytes", bytes.len());

        // Measured: a copy of the page with a probe that records whether
        // anything is wider than the window (the page itself runs none).
        let probe = dir.path().join(format!("{name}-probe.html"));
        let html = std::fs::read_to_string(&page).unwrap();
        let script = "<script>document.body.setAttribute('data-overflow', \
             String(document.documentElement.scrollWidth > document.documentElement.clientWidth));\
             document.body.setAttribute('data-width', String(document.documentElement.scrollWidth));</script>";
        std::fs::write(&probe, html.replace("</body>", &format!("{script}</body>"))).unwrap();
        let o = browse(
            &browser,
            &dir.path().join("profile"),
            &probe,
            &["--dump-dom".to_string()],
        );
        let dom = String::from_utf8_lossy(&o.stdout);
        assert!(
            dom.contains("data-overflow=\"false\""),
            "{name}: the page is wider than A4: {}",
            dom.lines()
                .find(|l| l.contains("data-width"))
                .unwrap_or(&dom)
        );
        assert!(
            dom.contains("Đảng bộ huyện Krông Bông"),
            "{name}: rendered text"
        );

        // Printed on A4.
        let pdf = dir.path().join(format!("{name}.pdf"));
        let o = browse(
            &browser,
            &dir.path().join("profile"),
            &page,
            &[
                format!("--print-to-pdf={}", pdf.display()),
                "--no-pdf-header-footer".to_string(),
            ],
        );
        let bytes = std::fs::read(&pdf)
            .unwrap_or_else(|e| panic!("no PDF ({e}): {}", String::from_utf8_lossy(&o.stderr)));
        assert!(bytes.starts_with(b"%PDF"), "{name}: a PDF");
        // A4 is 595 × 842 points.
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("/MediaBox [0 0 595") || text.contains("/MediaBox [0 0 594"),
            "{name}: printed on A4"
        );
    }
}
