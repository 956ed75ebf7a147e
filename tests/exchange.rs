//! Spreadsheet exchange through the real binary: export → import round
//! trips, a file as Excel saves it, bad rows, duplicates, formula
//! injection, and the xlsx report read back.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{data, fresh, ok, run, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(path: &Path) -> quota::model::Store {
    quota::store::load(path).unwrap()
}

#[test]
fn export_then_import_into_an_empty_store_gives_back_the_same_content() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "tam-dao-2021.toml",
        "dak-lak-2023.toml",
        "phu-binh-2020.toml",
        "sa-thay-2020-2025.toml",
        "thanh-hoa-2023-2024.toml",
    ] {
        let src = dir.path().join(name);
        fs::copy(data(name), &src).unwrap();
        // A few things a plain sample lacks: a void record, a formula-like name.
        ok(
            &src,
            &["add", "loi", "--name", "=HYPERLINK(\"x\")", "--level=-cell"],
        );
        let lan = ok(
            &src,
            &[
                "admit",
                "loi",
                "--date",
                "2024-01-02",
                "--note=+84 905",
                "--name",
                "@Lan",
            ],
        );
        // What followed the decision: the ceremony, then struck off.
        let lan = lan.trim();
        ok(&src, &["ceremony", lan, "--date", "2024-01-10"]);
        ok(
            &src,
            &["strike", lan, "--reason=-chuyển đi", "--date", "2024-06-01"],
        );
        ok(&src, &["admit", "loi", "2", "--date", "2024-01-03"]);
        let last = load(&src).next_id - 1;
        // Its ceremony came before it was found a mistake.
        ok(
            &src,
            &["ceremony", &last.to_string(), "--date", "2024-01-04"],
        );
        ok(&src, &["void", &last.to_string(), "--reason=-typo"]);
        // A class with a formula-like note, its id among the admissions'.
        ok(
            &src,
            &[
                "train",
                "loi",
                "25",
                "--date",
                "2024-01-04",
                "--note=-lớp 1",
            ],
        );
        ok(&src, &["admit", "loi", "--date", "2024-01-05"]);
        // Candidates besides Đắk Lắk's seven: one walked to admission (its
        // details go to the admission record, confirmed a member), one
        // voted at 73 with an exception and then dropped, one just listed.
        let walked = ok(
            &src,
            &[
                "candidate",
                "add",
                "loi",
                "--name=-Nguyễn Văn A",
                "--sex",
                "nam",
                "--born",
                "2000-01-01",
                "--ethnicity",
                "Kinh",
                "--stage",
                "trained",
                "--date",
                "2023-03-01",
            ],
        );
        let walked = walked.trim();
        ok(
            &src,
            &[
                "candidate",
                "advance",
                walked,
                "voted",
                "--date",
                "2023-06-01",
            ],
        );
        let admitted = ok(
            &src,
            &[
                "candidate",
                "admit",
                walked,
                "--date",
                "2023-07-01",
                "--ceremony",
                "2023-07-15",
            ],
        );
        ok(&src, &["confirm", admitted.trim(), "--date", "2024-08-01"]);
        let elder = ok(
            &src,
            &[
                "candidate",
                "add",
                "loi",
                "--name",
                "Y Già",
                "--born",
                "1950-01-01",
                "--stage",
                "voted",
                "--date",
                "2023-05-01",
                "--exception=+già làng có uy tín",
            ],
        );
        ok(
            &src,
            &[
                "candidate",
                "drop",
                elder.trim(),
                "--reason=-chuyển công tác",
                "--date",
                "2023-06-01",
            ],
        );
        ok(
            &src,
            &[
                "candidate",
                "add",
                "loi",
                "--name",
                "@Bình",
                "--date",
                "2023-02-01",
            ],
        );

        let csv = |kind: &str| {
            let out = dir.path().join(format!("{name}.{kind}.csv"));
            ok(
                &src,
                &[
                    "export",
                    "--kind",
                    kind,
                    "--with-details",
                    "--output",
                    out.to_str().unwrap(),
                ],
            );
            out
        };
        let (orgs, quotas, admissions) = (csv("orgs"), csv("quotas"), csv("admissions"));
        let training = csv("training");
        let classes = fs::read_to_string(&training).unwrap();
        assert!(classes.contains(",'-lớp 1\r\n"), "{classes}");
        let candidates = csv("candidates");
        let people = fs::read_to_string(&candidates).unwrap();
        assert!(
            people.contains(",voted,,,,,2023-05-01,2023-06-01,'-chuyển công tác,,'+già làng có uy tín,Y Già,,1950-01-01,"),
            "{people}"
        );
        assert!(people.contains(",'@Bình,"), "{people}");
        // The walked candidate's details went to its admission record.
        assert!(!people.contains("Nguyễn Văn A"), "{people}");
        let records = fs::read_to_string(&admissions).unwrap();
        assert!(
            records.contains(",2024-01-10,,2024-06-01,'-chuyển đi\r\n"),
            "{records}"
        );
        assert!(
            records.contains(",'-Nguyễn Văn A,male,2000-01-01,Kinh,"),
            "{records}"
        );
        assert!(
            records.contains(",2023-07-15,2024-08-01,,\r\n"),
            "{records}"
        );
        if name == "dak-lak-2023.toml" {
            assert!(people.contains(",Y Khuê Niê,female,2001-03-14,Ê Đê,,1,"));
        }
        let bytes = fs::read(&orgs).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "Excel needs the BOM");
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("'=HYPERLINK"),
            "formula not neutralised: {text}"
        );

        // Admissions and classes share one id counter: either may come
        // back first and both keep their ids. A training file needs
        // --kind, as its header is also an admissions header. Candidates
        // come after the admissions they became, told by their header.
        let admissions = (&admissions, None);
        let training = (&training, Some("training"));
        for (target, records) in [
            ("copy.toml", [admissions, training]),
            ("copy.json", [training, admissions]),
        ] {
            let copy = dir.path().join(format!("{name}.{target}"));
            ok(&copy, &["init"]);
            let all = [(&orgs, None), (&quotas, None)]
                .into_iter()
                .chain(records)
                .chain([(&candidates, None)]);
            for (f, kind) in all {
                let mut args = vec!["import", f.to_str().unwrap()];
                if let Some(kind) = kind {
                    args.extend(["--kind", kind]);
                }
                ok(&copy, &args);
            }
            assert_eq!(load(&copy), load(&src), "{name} → {target}");
        }
    }
}

#[test]
fn a_csv_saved_by_excel_imports_cleanly() {
    let (_dir, store) = fresh();
    let out = ok(
        &store,
        &["import", fixture("excel-orgs.csv").to_str().unwrap()],
    );
    assert!(out.starts_with("Imported 2 organisation(s)"), "{out}");
    let out = ok(
        &store,
        &["import", fixture("excel-admissions.csv").to_str().unwrap()],
    );
    assert!(out.starts_with("Imported 5 admission record(s)"), "{out}");
    let s = load(&store);
    assert_eq!(
        s.orgs[1].parent.as_deref(),
        Some("cu-pui"),
        "parent given by name"
    );
    let a = &s.admissions;
    assert_eq!(a.len(), 5);
    let p0 = a[0].person.as_deref().unwrap();
    assert_eq!(p0.name.as_deref(), Some("Y Nuê Êban"));
    assert_eq!(p0.sex, Some(quota::model::Sex::Male));
    assert_eq!(p0.born.unwrap().to_string(), "1998-03-12");
    assert!(p0.youth_union);
    assert_eq!(
        a[0].note.as_deref(),
        Some("chuyển từ chi bộ buôn Khanh"),
        "a line break in a cell"
    );
    assert_eq!(a[1].org, "cu-pui", "org given by name");
    assert_eq!(
        a[1].person.as_deref().unwrap().sex,
        Some(quota::model::Sex::Female)
    );
    assert_eq!(
        a[2].decision.as_deref(),
        Some("14-QĐ/HU; 15-QĐ/HU"),
        "a ';' inside quotes"
    );
    assert_eq!((a[2].org.as_str(), a[2].count), ("buon-khanh", 3));
    assert_eq!(
        a[3].date.to_string(),
        "2023-04-15",
        "a date with Excel's midnight"
    );
    assert_eq!(a[4].count, 2);
    assert!(a[4].person.is_none());
    let report = ok(&store, &["report", "--year", "2023", "--format", "csv"]);
    assert!(
        report.contains("cu-pui,Đảng bộ xã Cư Pui,,0,,8,"),
        "{report}"
    );
}

#[test]
fn every_bad_row_is_named_and_nothing_is_imported() {
    let (_dir, store) = fresh();
    ok(
        &store,
        &["import", fixture("excel-orgs.csv").to_str().unwrap()],
    );
    let before = fs::read(&store).unwrap();
    let file = fixture("bad-admissions.csv");
    let o = run(&store, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let f = file.display().to_string();
    let expected = [
        format!("{f}:3: column org: there is no organisation 'cu-pu'"),
        // Dates of admission are quoted as on the command line.
        format!("{f}:4: column date: There is no day '31/02/2023' in the calendar"),
        format!("{f}:5: column count: must be a whole number from 1 to 1,000,000,000"),
        format!("{f}:6: column sex: "),
        format!("{f}:7: column youth_union: is not yes or no"),
        format!("{f}:8: has 2 cells, the header has 6"),
        format!("{f}:9: column date: 2027-01-05 is after today (2026-11-22)"),
        format!("{f}:10: column count: is 2, but personal details go with one person"),
        format!("{f}:11: column born: makes the member under 18 on the admission date"),
        format!("{f}:12: has 7 cells, the header has 6"),
    ];
    assert!(
        err.starts_with(&format!(
            "quota: {f} has 10 bad row(s), so nothing was imported"
        )),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().skip(1).collect();
    assert_eq!(lines.len(), expected.len(), "{err}");
    for (line, want) in lines.iter().zip(&expected) {
        assert!(line.starts_with(want.as_str()), "{line}\n  expected {want}");
    }
    assert_eq!(fs::read(&store).unwrap(), before);
}

#[test]
fn many_bad_rows_show_the_first_twenty_then_a_count() {
    let (dir, store) = fresh();
    let file = dir.path().join("many.csv");
    let mut text = String::from("org;date;count\n");
    for i in 0..57 {
        text += &format!("nowhere-{i};2023-01-01;1\n");
    }
    fs::write(&file, text).unwrap();
    let err = stderr(&run(&store, &["import", file.to_str().unwrap()]));
    assert!(err.contains("has 57 bad row(s)"), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.contains("many.csv:")).count(),
        20,
        "{err}"
    );
    assert!(err.contains("many.csv:21: column org"), "{err}");
    assert!(err.trim_end().ends_with("… and 37 more."), "{err}");
}

#[test]
fn importing_the_same_admissions_twice_does_not_count_twice() {
    let (_dir, store) = fresh();
    ok(
        &store,
        &["import", fixture("excel-orgs.csv").to_str().unwrap()],
    );
    let file = fixture("excel-admissions.csv");
    ok(&store, &["import", file.to_str().unwrap()]);
    let before = fs::read(&store).unwrap();
    let o = run(&store, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("has 5 bad row(s)"), "{err}");
    assert!(
        err.contains(":2: this admission is already in the store (record 1)"),
        "{err}"
    );
    assert!(err.contains("--allow-duplicates"), "{err}");
    assert!(!err.contains("Y Nuê"), "a name in a message: {err}");
    assert_eq!(fs::read(&store).unwrap(), before);
    ok(
        &store,
        &["import", file.to_str().unwrap(), "--allow-duplicates"],
    );
    assert_eq!(load(&store).admissions.len(), 10);
    // An import is one change: one undo takes it back (ids stay used).
    let before_content = {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("before.toml");
        fs::write(&p, &before).unwrap();
        common::content(&p)
    };
    ok(&store, &["undo"]);
    assert_eq!(common::content(&store), before_content);
    assert_eq!(
        load(&store).next_id,
        11,
        "ids 6 to 10 are not handed out again"
    );
}

#[test]
fn files_that_cannot_be_imported() {
    let (dir, store) = fresh();
    let before = fs::read(&store).unwrap();
    let cases: [(&str, &str); 7] = [
        ("a,b\n1,2\n", "cannot tell"),
        (
            "org,date,colour\nx,2023-01-01,red\n",
            "the column 'colour' is not one of",
        ),
        ("org,count\nx,1\n", "no 'date' column"),
        ("org,target\nx,1\n", "'year' or a 'term' column"),
        ("org,date,date\nx,2023-01-01,2023-01-01\n", "appears twice"),
        // An empty file says so, rather than asking for --kind.
        ("", "is empty"),
        ("\u{feff}\r\n\r\n", "is empty"),
    ];
    for (i, (text, needle)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("f{i}.csv"));
        fs::write(&file, text).unwrap();
        let o = run(&store, &["import", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{text}");
        assert!(stderr(&o).contains(needle), "{text}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    }
    let o = run(
        &store,
        &["import", dir.path().join("none.csv").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Cannot read"), "{}", stderr(&o));
    // --kind overrides the header's guess.
    let file = dir.path().join("orgs.csv");
    fs::write(&file, "id,name\nxa,Xã A\n").unwrap();
    let o = run(
        &store,
        &["import", file.to_str().unwrap(), "--kind", "quotas"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read(&store).unwrap(), before);
}

#[test]
fn export_leaves_personal_details_out_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    fs::copy(data("dak-lak-2023.toml"), &store).unwrap();
    let plain = ok(&store, &["export", "--kind", "admissions"]);
    let header = plain.lines().next().unwrap();
    assert_eq!(header, "\u{feff}id,org,date,count,decision,void");
    assert!(plain.contains("void\r\n"), "CRLF line ends");
    assert!(!plain.contains("Ê Đê"));
    let full = ok(
        &store,
        &["export", "--kind", "admissions", "--with-details"],
    );
    assert!(full.contains("Ê Đê"));
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

#[test]
#[cfg_attr(
    not(feature = "xlsx"),
    ignore = "writes a workbook: needs the xlsx feature"
)]
fn the_xlsx_report_opens_with_the_right_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    fs::copy(data("dak-lak-2023.toml"), &store).unwrap();
    let xlsx = dir.path().join("report.xlsx");
    let o = run(
        &store,
        &[
            "report",
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--precision",
            "2",
            "--depth",
            "1",
            "--format",
            "xlsx",
            "--output",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), ["Report 2023", "Burn-up"]);
    let range = book.worksheet_range("Report 2023").unwrap();
    assert_eq!(
        cell(&range, 0, 0),
        Data::String("Admissions, year 2023, as of 2023-10-10".into())
    );
    assert_eq!(cell(&range, 1, 0), Data::String("Organisation".into()));
    assert_eq!(cell(&range, 1, 4), Data::String("Percent".into()));
    assert_eq!(
        range.height(),
        2 + 20,
        "caption, header and 20 organisations"
    );
    assert_eq!(
        cell(&range, 2, 0),
        Data::String("Đảng bộ tỉnh Đắk Lắk".into())
    );
    assert_eq!(cell(&range, 2, 1), Data::String("dak-lak".into()));
    assert_eq!(cell(&range, 2, 2), Data::Float(2767.0));
    assert_eq!(cell(&range, 2, 3), Data::Float(1994.0));
    assert_eq!(cell(&range, 2, 4), Data::Float(0.7206));
    assert_eq!(cell(&range, 2, 5), Data::Float(773.0));
    assert_eq!(cell(&range, 2, 8), Data::String("behind".into()));
    let krong_bong = (2..range.height() as u32)
        .find(|&r| cell(&range, r, 1) == Data::String("krong-bong".into()))
        .unwrap();
    assert_eq!(cell(&range, krong_bong, 4), Data::Float(1.0174));
    assert_eq!(cell(&range, krong_bong, 6), Data::Float(42.0), "allocated");
    // Inside the package: the chart, the frozen header, the indented tree.
    let part = |name: &str| {
        let mut zip = zip::ZipArchive::new(fs::File::open(&xlsx).unwrap()).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let chart = part("xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>"), "{chart}");
    assert!(
        chart.contains("$E$3:$E$22"),
        "percent column charted: {chart}"
    );
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            r#"<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet}"
    );
    let styles = part("xl/styles.xml");
    assert!(styles.contains(r#"indent="1""#), "{styles}");
    assert!(styles.contains(r#"formatCode="0.00%""#), "{styles}");

    let vi = dir.path().join("bao-cao.xlsx");
    ok(
        &store,
        &[
            "--lang",
            "vi",
            "report",
            "--year",
            "2023",
            "--format",
            "xlsx",
            "-o",
            vi.to_str().unwrap(),
        ],
    );
    let mut book: Xlsx<_> = open_workbook(&vi).unwrap();
    let range = book.worksheet_range("Báo cáo 2023").unwrap();
    assert_eq!(cell(&range, 1, 0), Data::String("Tổ chức".into()));
    assert_eq!(cell(&range, 1, 3), Data::String("Đã kết nạp".into()));

    let o = run(&store, &["report", "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--output"), "{}", stderr(&o));
}

#[test]
fn merging_another_stores_export_gives_new_ids_and_catches_repeats() {
    let (dir, store) = fresh();
    ok(
        &store,
        &["import", fixture("excel-orgs.csv").to_str().unwrap()],
    );
    ok(&store, &["admit", "cu-pui", "--date", "2023-01-01"]);
    // Another commune's export: ids 1 and 2, which this store uses or will.
    let other = dir.path().join("other.csv");
    fs::write(
        &other,
        "id,org,date,count,decision\n1,cu-pui,2023-02-01,1,7-QĐ/HU\n2,buon-khanh,2023-02-02,2,\n",
    )
    .unwrap();
    let out = ok(&store, &["import", other.to_str().unwrap()]);
    assert!(out.starts_with("Imported 2 admission record(s)"), "{out}");
    let ids: Vec<u64> = load(&store).admissions.iter().map(|a| a.id).collect();
    assert_eq!(ids, [1, 2, 3], "new ids after the store's own");

    // The same row twice in one file is caught, with the line it repeats.
    let twice = dir.path().join("twice.csv");
    fs::write(
        &twice,
        "org,date,name\ncu-pui,2023-03-01,Lê Văn X\n\ncu-pui,2023-03-01,Lê Văn X\n",
    )
    .unwrap();
    let err = stderr(&run(&store, &["import", twice.to_str().unwrap()]));
    assert!(
        err.contains("twice.csv:4: this admission is the same as line 2"),
        "{err}"
    );
    assert!(!err.contains("Lê Văn X"), "{err}");
    ok(
        &store,
        &["import", twice.to_str().unwrap(), "--allow-duplicates"],
    );
}

#[test]
fn org_files_with_ambiguous_parents_and_leading_blank_lines() {
    let (dir, store) = fresh();
    let orgs = dir.path().join("orgs.csv");
    fs::write(
        &orgs,
        "\r\n\r\nid;name;parent\r\nxa-a;Xã A;\r\nxa-b;Xã B;\r\ncb-a;Chi bộ 1;xa-a\r\ncb-b;Chi bộ 1;xa-b\r\nto-1;Tổ 1;Chi bộ 1\r\n",
    )
    .unwrap();
    let o = run(&store, &["import", orgs.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "orgs.csv:8: column parent: the name 'Chi bộ 1' fits several organisations (cb-a, cb-b)"
        ),
        "{err}"
    );
    let fixed = fs::read_to_string(&orgs)
        .unwrap()
        .replace("Tổ 1;Chi bộ 1", "Tổ 1;cb-b");
    fs::write(&orgs, fixed).unwrap();
    ok(&store, &["import", orgs.to_str().unwrap()]);
    assert_eq!(load(&store).orgs[4].parent.as_deref(), Some("cb-b"));
}

#[test]
fn a_report_csv_file_is_made_for_excel_but_stdout_stays_plain() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "=HYPERLINK(\"http://x\")"]);
    let plain = ok(&store, &["report", "--format", "csv"]);
    assert!(plain.starts_with("id,name,"), "{plain}");
    assert!(plain.contains(",\"=HYPERLINK("), "{plain}");
    let file = dir.path().join("r.csv");
    ok(
        &store,
        &[
            "report",
            "--format",
            "csv",
            "--output",
            file.to_str().unwrap(),
        ],
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("\u{feff}id,name,"), "{text}");
    assert!(text.contains(",\"'=HYPERLINK("), "{text}");
}

/// "Đảng bộ xã Hoà Bình;2023-01-05;1" as Excel on Vietnamese Windows saves
/// it: Windows-1258, tone marks as separate combining characters, and the
/// old tone placement ("Hoà").
const CP1258_ROW: &[u8] = b"\xd0a\xd2ng b\xf4\xf2 xa\xde Ho\xe0 Bi\xccnh;2023-01-05;1\r\n";

#[test]
fn a_windows_1258_csv_is_read_and_names_match_whatever_the_tone_placement() {
    let (dir, store) = fresh();
    // The store spells it with the new tone placement ("Hòa").
    ok(
        &store,
        &["add", "hoa-binh", "--name", "Đảng bộ xã Hòa Bình"],
    );
    let file = dir.path().join("excel.csv");
    fs::write(
        &file,
        [b"org;date;count\r\n".as_slice(), CP1258_ROW].concat(),
    )
    .unwrap();
    let path = file.to_str().unwrap();

    // Forced UTF-8: refused, with the way out, and nothing imported.
    let before = fs::read(&store).unwrap();
    let o = run(&store, &["import", path, "--encoding", "utf-8"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("excel.csv:2: is not UTF-8") && err.contains("--encoding windows-1258"),
        "{err}"
    );
    assert_eq!(fs::read(&store).unwrap(), before);

    // Detected: read as Windows-1258, said on stderr, NFC, found by name.
    let o = run(&store, &["import", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("read as Windows-1258"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("Imported 1 admission record"));
    let list = ok(&store, &["admissions", "--format", "csv"]);
    assert!(list.contains(",hoa-binh,2023-01-05,1,"), "{list}");
}

#[test]
fn admit_and_import_refuse_the_same_rows_with_the_same_words() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    let before = fs::read(&store).unwrap();
    // (admit arguments, the same row as CSV cells org,date,count,born)
    let cases: [(&[&str], &str); 4] = [
        (
            &[
                "admit",
                "xa",
                "--date",
                "2023-05-01",
                "--born",
                "2010-01-01",
            ],
            "xa,2023-05-01,1,2010-01-01",
        ),
        (&["admit", "xa", "--date", "1929-12-31"], "xa,1929-12-31,1,"),
        (&["admit", "xa", "--date", "2027-01-01"], "xa,2027-01-01,1,"),
        (
            &[
                "admit",
                "xa",
                "3",
                "--date",
                "2023-05-01",
                "--born",
                "2000-01-01",
            ],
            "xa,2023-05-01,3,2000-01-01",
        ),
    ];
    for (i, (args, row)) in cases.iter().enumerate() {
        let o = run(&store, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let cli = stderr(&o);
        let file = dir.path().join(format!("row{i}.csv"));
        fs::write(&file, format!("org,date,count,born\n{row}\n")).unwrap();
        let o = run(&store, &["import", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{row}");
        let csv = stderr(&o);
        // The CLI says "The FIELD WHAT."; the import "column C: WHAT".
        let what = csv
            .lines()
            .nth(1)
            .and_then(|l| l.split_once(": column "))
            .and_then(|(_, rest)| rest.split_once(": "))
            .map(|(_, what)| what.to_string())
            .unwrap_or_else(|| panic!("{csv}"));
        assert!(cli.contains(&what), "{args:?}\n cli: {cli}\n csv: {csv}");
        assert_eq!(fs::read(&store).unwrap(), before);
    }
}

#[test]
fn the_admissions_listing_and_the_export_have_one_column_order() {
    let store = data("dak-lak-2023.toml");
    for details in [false, true] {
        let mut list = vec!["admissions", "--format", "csv"];
        let mut export = vec!["export", "--kind", "admissions"];
        if details {
            list.push("--with-details");
            export.push("--with-details");
        }
        let list = ok(&store, &list);
        let export = ok(&store, &export);
        let header = |s: &str| {
            s.trim_start_matches('\u{feff}')
                .lines()
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(header(&list), header(&export), "details: {details}");
    }
}

#[test]
fn the_output_file_picks_the_format_and_a_contradiction_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = data("tam-dao-2021.toml");
    let csv = dir.path().join("thang6.csv");
    ok(
        &store,
        &[
            "report",
            "--year",
            "2021",
            "--output",
            csv.to_str().unwrap(),
        ],
    );
    let text = fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("\u{feff}id,name,parent,depth,quota"),
        "{text}"
    );
    let xlsx = dir.path().join("x.xlsx");
    let o = run(
        &store,
        &[
            "report",
            "--format",
            "csv",
            "--output",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--format csv contradicts the file name"),
        "{}",
        stderr(&o)
    );
    assert!(!xlsx.exists());
}

#[test]
fn an_as_of_after_today_is_said() {
    let store = data("tam-dao-2021.toml");
    let o = run(
        &store,
        &["report", "--as-of", "2027-01-01", "--year", "2027"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the as-of date 2027-01-01 is after today (2026-11-22)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_training_import_names_every_bad_row_and_changes_nothing() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    ok(&store, &["train", "xa", "40", "--date", "2023-03-01"]);
    let before = fs::read(&store).unwrap();
    let file = dir.path().join("classes.csv");
    // As Excel saves it where the decimal mark is a comma: a BOM, `;`,
    // CRLF, day-first dates; the good rows are refused with the bad.
    fs::write(
        &file,
        "\u{feff}org;date;count;note\r\n\
         xa;10/05/2023;35;lớp 2\r\n\
         xa;12/06/2023;0;lớp 3\r\n\
         xa;05/01/2027;30;\r\n\
         nowhere;2023-07-01;30;\r\n\
         Xã A;2023-08-01;;\r\n\
         xa;2023-03-01;40;\r\n\
         xa;2023-09-01;1.234;lớp 4\r\n\
         xa;2023-09-01;1.234;lớp 4\r\n",
    )
    .unwrap();
    let o = run(
        &store,
        &["import", file.to_str().unwrap(), "--kind", "training"],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let f = file.display().to_string();
    let expected = [
        format!("{f}:3: column count: must be a whole number from 1 to 1,000,000,000"),
        format!(
            "{f}:4: column date: 2027-01-05 is after today (2026-11-22); a class is recorded once it has taken place"
        ),
        format!("{f}:5: column org: there is no organisation 'nowhere'"),
        format!("{f}:6: column count: is empty"),
        format!("{f}:7: this class is already in the store (record 1) and would count twice"),
        format!("{f}:9: this class is the same as line 8 and would count twice"),
    ];
    assert!(
        err.starts_with(&format!(
            "quota: {f} has 6 bad row(s), so nothing was imported"
        )),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().skip(1).collect();
    assert_eq!(lines.len(), expected.len(), "{err}");
    for (line, want) in lines.iter().zip(&expected) {
        assert!(line.starts_with(want.as_str()), "{line}\n  expected {want}");
    }
    assert_eq!(fs::read(&store).unwrap(), before);

    // The rules are `train`'s, in its words.
    let o = run(&store, &["train", "xa", "30", "--date", "05/01/2027"]);
    assert_eq!(o.status.code(), Some(1));
    let what =
        "2027-01-05 is after today (2026-11-22); a class is recorded once it has taken place";
    assert!(stderr(&o).contains(what), "{}", stderr(&o));

    // Fixed, the file goes in whole; a class of the store's size again
    // when it really is another one.
    let good: String = fs::read_to_string(&file)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(i, _)| [0, 1, 6, 7].contains(i))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    fs::write(&file, good).unwrap();
    let out = ok(
        &store,
        &[
            "import",
            file.to_str().unwrap(),
            "--kind",
            "training",
            "--allow-duplicates",
        ],
    );
    assert!(out.starts_with("Imported 3 training record(s)"), "{out}");
    let s = load(&store);
    let classes: Vec<(u64, String, u64, Option<&str>)> = s
        .trainings
        .iter()
        .map(|t| (t.id, t.date.to_string(), t.count, t.note.as_deref()))
        .collect();
    assert_eq!(
        classes,
        [
            (1, "2023-03-01".into(), 40, None),
            (2, "2023-05-10".into(), 35, Some("lớp 2")),
            (3, "2023-03-01".into(), 40, None),
            (4, "2023-09-01".into(), 1234, Some("lớp 4")),
        ]
    );
    assert!(s.admissions.is_empty());
}

#[test]
fn exporting_the_classes_of_a_store_without_any_gives_the_header_only() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    ok(&store, &["admit", "xa", "--date", "2023-01-01"]);
    for details in [false, true] {
        let mut args = vec!["export", "--kind", "training"];
        if details {
            // Classes have no personal details: the flag changes nothing.
            args.push("--with-details");
        }
        assert_eq!(ok(&store, &args), "\u{feff}id,org,date,count,note\r\n");
    }
}

#[test]
fn a_training_file_without_kind_is_read_as_admissions_and_said() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    ok(&store, &["train", "xa", "40", "--date", "2023-03-01"]);
    let file = dir.path().join("classes.csv");
    let export = ok(&store, &["export", "--kind", "training"]);
    fs::write(&file, export).unwrap();
    let o = run(&store, &["import", file.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Imported 1 admission record(s)"));
    // A warning, which --quiet keeps: 40 admissions is a big mistake.
    assert!(
        stderr(&o).contains(
            "has the columns of a training export and was read as admissions; if it holds class attendance, run quota undo and import it again with --kind training"
        ),
        "{}",
        stderr(&o)
    );
    ok(&store, &["undo"]);
    assert!(load(&store).admissions.is_empty());
    // A plain admissions file is not warned about.
    let admissions = dir.path().join("admissions.csv");
    fs::write(&admissions, "org,date,count,note\nxa,2023-04-01,2,\n").unwrap();
    let o = run(&store, &["import", admissions.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn imported_ids_never_take_one_the_other_kind_has() {
    // Admissions and classes share one counter. Into a store without
    // records of the kind a file's ids are kept, unless a record of the
    // other kind has one: that record gets a new id.
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    ok(&store, &["admit", "xa", "--date", "2023-01-01"]);
    let classes = dir.path().join("classes.csv");
    fs::write(
        &classes,
        "id,org,date,count\n1,xa,2023-02-01,30\n7,xa,2023-03-01,31\n",
    )
    .unwrap();
    ok(
        &store,
        &["import", classes.to_str().unwrap(), "--kind", "training"],
    );
    let s = load(&store);
    let ids: Vec<u64> = s.trainings.iter().map(|t| t.id).collect();
    assert_eq!(ids, [7, 8], "7 kept, 1 renumbered after it");
    assert_eq!(s.next_id, 9);

    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    ok(&store, &["train", "xa", "40", "--date", "2023-03-01"]);
    let admissions = dir.path().join("admissions.csv");
    fs::write(
        &admissions,
        "id,org,date,count\n1,xa,2023-02-01,1\n2,xa,2023-02-02,1\n2,xa,2023-02-03,1\n",
    )
    .unwrap();
    let err = stderr(&run(&store, &["import", admissions.to_str().unwrap()]));
    assert!(
        err.contains(
            "admissions.csv:4: column id: record 2 is already in the store or earlier in the file"
        ),
        "{err}"
    );
    let fixed = fs::read_to_string(&admissions)
        .unwrap()
        .replace("2,xa,2023-02-03", "3,xa,2023-02-03");
    fs::write(&admissions, fixed).unwrap();
    ok(&store, &["import", admissions.to_str().unwrap()]);
    let s = load(&store);
    let ids: Vec<u64> = s.admissions.iter().map(|a| a.id).collect();
    assert_eq!(ids, [2, 3, 4], "2 and 3 kept, 1 (a class's) renumbered");
    assert_eq!(s.trainings[0].id, 1);
}

#[test]
fn a_training_file_saved_by_excel_on_vietnamese_windows_imports() {
    let (dir, store) = fresh();
    ok(
        &store,
        &["add", "hoa-binh", "--name", "Đảng bộ xã Hòa Bình"],
    );
    let file = dir.path().join("lop.csv");
    fs::write(
        &file,
        [b"org;date;count\r\n".as_slice(), CP1258_ROW].concat(),
    )
    .unwrap();
    let o = run(
        &store,
        &["import", file.to_str().unwrap(), "--kind", "training"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("read as Windows-1258"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).starts_with("Imported 1 training record(s)"));
    let t = &load(&store).trainings[0];
    assert_eq!(
        (t.org.as_str(), t.date.to_string(), t.count),
        ("hoa-binh", "2023-01-05".to_string(), 1)
    );
}

#[test]
fn a_candidates_import_names_every_bad_row_and_changes_nothing() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    ok(&store, &["admit", "xa", "--date", "2023-01-10"]);
    let before = fs::read(&store).unwrap();
    let file = dir.path().join("nguon.csv");
    // As Excel saves it where the decimal mark is a comma. The good rows
    // are refused with the bad: an import is all or nothing.
    fs::write(
        &file,
        "\u{feff}org;stage;source;trained;applied;voted;exception;name;born;admission\r\n\
         xa;;2023-01-05;2023-03-01;;;;Trần Văn Bình;2000-01-01;\r\n\
         xa;;2023-02-01;2023-04-01;2023-03-15;;;Lê Thị Cúc;2000-05-05;\r\n\
         xa;voted;2023-02-01;;;2026-06-30;;Y Đam;2008-07-01;\r\n\
         nowhere;;2023-02-01;;;;;Hà Văn Én;;\r\n\
         xa;;2023-02-01;;;;;;1999-01-01;\r\n\
         xa;;2023-02-01;;;2023-09-01;;Phan Văn Phú;1999-01-01;999\r\n\
         xa;applied;2023-02-01;;;;;Vũ Thị Gấm;;\r\n\
         xa;;2023-02-01;;;2026-06-30;Con liệt sĩ;Đỗ Văn Hải;2008-07-01;\r\n\
         xa;;2023-01-05;2023-03-01;;;;Trần Văn Bình;2000-01-01;\r\n\
         xa;voted;;;;;;Lò Thị Inh;;\r\n\
         xa;;2022-12-01;;;2023-01-15;;Mai Văn Khôi;1990-01-01;1\r\n",
    )
    .unwrap();
    let o = run(&store, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let f = file.display().to_string();
    let expected = [
        // The rules and the words of `candidate advance`.
        format!(
            "{f}:3: column applied: 2023-03-15 is before the last step (2023-04-01); dates never go back"
        ),
        format!("{f}:4: column born: makes the candidate 17 at the vote, outside 18 to 60"),
        format!("{f}:5: column org: there is no organisation 'nowhere'"),
        // Those of `candidate add`.
        format!("{f}:6: column name: is empty; a candidate is a person"),
        format!("{f}:7: column admission: there is no admission record 999 in the store"),
        format!("{f}:8: column stage: is 'applied', but the last stage with a date is 'source'"),
        format!("{f}:10: this candidate is the same as line 2 and would be listed twice"),
        format!("{f}:11: column voted: is empty; give a date"),
        // Those of `candidate admit`.
        format!("{f}:12: column admission: 2023-01-10 is before the cell's vote (2023-01-15)"),
    ];
    assert!(
        err.starts_with(&format!(
            "quota: {f} has {} bad row(s), so nothing was imported",
            expected.len()
        )),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().skip(1).collect();
    assert_eq!(lines.len(), expected.len(), "{err}");
    for (line, want) in lines.iter().zip(&expected) {
        assert!(line.starts_with(want.as_str()), "{line}\n  expected {want}");
    }
    // No name or birth date in the message.
    for private in ["Cúc", "Đam", "Én", "Phú", "Bình", "2008-07-01", "1999"] {
        assert!(!err.contains(private), "{private} in {err}");
    }
    assert_eq!(fs::read(&store).unwrap(), before);

    // The same 17-year-old from the command line: the same words.
    ok(
        &store,
        &[
            "candidate",
            "add",
            "xa",
            "--name",
            "Y Đam",
            "--born",
            "2008-07-01",
            "--date",
            "2023-02-01",
        ],
    );
    let o = run(
        &store,
        &["candidate", "advance", "2", "voted", "--date", "2026-06-30"],
    );
    assert!(
        stderr(&o).contains("makes the candidate 17 at the vote, outside 18 to 60"),
        "{}",
        stderr(&o)
    );
    ok(&store, &["undo"]);
    assert_eq!(common::content(&store), {
        let copy = dir.path().join("before.toml");
        fs::write(&copy, &before).unwrap();
        common::content(&copy)
    });

    // The good rows alone go in, with the exception kept.
    let good: String = fs::read_to_string(&file)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(i, _)| [0, 1, 8].contains(i))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    fs::write(&file, &good).unwrap();
    let out = ok(&store, &["import", file.to_str().unwrap()]);
    assert!(out.starts_with("Imported 2 candidate(s)"), "{out}");
    let s = load(&store);
    let got: Vec<(u64, &str, Option<&str>)> = s
        .candidates
        .iter()
        .map(|c| (c.id, c.stage().as_str(), c.exception.as_deref()))
        .collect();
    assert_eq!(
        got,
        [(3, "trained", None), (4, "voted", Some("Con liệt sĩ"))],
        "ids after the admission's and the undone candidate's"
    );
    // Twice is refused, unless it really is someone else.
    let err = stderr(&run(&store, &["import", file.to_str().unwrap()]));
    assert!(
        err.contains(":2: this candidate is already in the store (candidate 3)"),
        "{err}"
    );
    assert!(!err.contains("Trần"), "{err}");
}

#[test]
fn a_candidates_export_holds_no_name_unless_asked_and_then_only_for_you() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    fs::copy(data("dak-lak-2023.toml"), &store).unwrap();
    let plain = ok(&store, &["export", "--kind", "candidates"]);
    assert_eq!(
        plain.lines().next().unwrap(),
        "\u{feff}id,org,stage,source,trained,applied,verifying,voted,dropped,admission"
    );
    assert!(
        plain.contains(
            "\r\n171,tan-an,verifying,2023-02-05,2023-05-15,2023-07-08,2023-09-13,,,\r\n"
        ),
        "{plain}"
    );
    assert_eq!(plain.lines().count(), 1 + 7);
    for private in [
        "Y Khuê Niê",
        "Nguyễn Văn Hùng",
        "H'Linh Mlô",
        "Y Bhăp Byă",
        "2001-03-14",
        "Ê Đê",
    ] {
        assert!(!plain.contains(private), "{private}: {plain}");
    }
    // Such a file cannot come back as candidates: they are people.
    let summary = dir.path().join("summary.csv");
    fs::write(&summary, &plain).unwrap();
    let o = run(&store, &["import", summary.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("the candidates file has no 'name' column"),
        "{}",
        stderr(&o)
    );

    let full = dir.path().join("candidates.csv");
    ok(
        &store,
        &[
            "export",
            "--kind",
            "candidates",
            "--with-details",
            "--output",
            full.to_str().unwrap(),
        ],
    );
    let text = fs::read_to_string(&full).unwrap();
    assert!(
        text.contains(",Y Khuê Niê,female,2001-03-14,Ê Đê,,1,\r\n"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&full).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
}

#[test]
fn what_followed_an_imported_decision_keeps_the_rules_of_ceremony_confirm_and_strike() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    let before = fs::read(&store).unwrap();
    let file = dir.path().join("admissions.csv");
    fs::write(
        &file,
        "org,date,ceremony,confirmed,struck_on,struck_reason\n\
         xa,2023-03-01,2023-03-20,2024-03-25,,\n\
         xa,2023-03-01,2023-02-20,,,\n\
         xa,2023-03-02,2023-03-20,2024-01-01,,\n\
         xa,2023-03-03,,,2023-05-01,\n\
         xa,2023-03-04,,,,chuyển đi\n\
         xa,2023-03-05,2027-01-01,,,\n",
    )
    .unwrap();
    let o = run(&store, &["import", file.to_str().unwrap()]);
    let err = stderr(&o);
    let f = file.display().to_string();
    let expected = [
        format!(
            "{f}:3: column ceremony: 2023-02-20 is before the decision (2023-03-01); the ceremony follows it"
        ),
        format!("{f}:4: column confirmed: 2024-01-01 is before the probation is over (2024-03-20)"),
        format!("{f}:5: column struck_reason: is empty; say why"),
        format!("{f}:6: column struck_on: is empty"),
        format!("{f}:7: column ceremony: 2027-01-01 is after today (2026-11-22)"),
    ];
    let lines: Vec<&str> = err.lines().skip(1).collect();
    assert_eq!(lines.len(), expected.len(), "{err}");
    for (line, want) in lines.iter().zip(&expected) {
        assert!(line.starts_with(want.as_str()), "{line}\n  expected {want}");
    }
    assert_eq!(fs::read(&store).unwrap(), before);
    // The commands refuse the same: a ceremony before the decision.
    ok(&store, &["admit", "xa", "--date", "2023-03-01"]);
    let o = run(&store, &["ceremony", "1", "--date", "2023-02-20"]);
    assert!(
        stderr(&o)
            .contains("2023-02-20 is before the decision (2023-03-01); the ceremony follows it"),
        "{}",
        stderr(&o)
    );
}

/// Built without the `xlsx` feature (`cargo test --no-default-features`),
/// a workbook is refused in one sentence, exit status 1, nothing written.
#[cfg(not(feature = "xlsx"))]
#[test]
fn no_workbook_without_the_xlsx_feature() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xlsx");
    let store = data("dak-lak-2023.toml");
    for command in ["report", "breakdown"] {
        let o = run(
            &store,
            &[command, "--year", "2023", "-o", file.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(1), "{command}");
        let err = stderr(&o);
        assert!(err.contains("built without Excel workbooks"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!file.exists());
    }
}
