//! The Vietnamese help: the catalogue of texts (the English ones are the
//! doc comments of `cli.rs`) and the rewrite of the clap command that puts
//! them, and Vietnamese headings and brackets, in place of clap's English.

use clap::builder::PossibleValue;
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::{Cli, GLOBAL};

/// What each command does, by its path ("" for `quota` itself).
pub const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "Theo dõi chỉ tiêu kết nạp đảng viên: tổ chức, chỉ tiêu, kết nạp và báo cáo tiến độ",
    ),
    (
        "init",
        "Tạo tệp dữ liệu trống (không bao giờ ghi đè tệp đã có)",
    ),
    ("add", "Thêm một tổ chức"),
    (
        "edit",
        "Sửa tên, cấp trên, cấp hoặc số đảng viên của một tổ chức",
    ),
    (
        "merge",
        "Hợp nhất một tổ chức vào tổ chức khác: chỉ tiêu (cộng vào chỉ tiêu cùng kỳ), bản ghi và các tổ chức trực thuộc chuyển sang đó; tổ chức cũ trở thành một tên khác của tổ chức ấy",
    ),
    (
        "sync",
        "Đặt tệp dữ liệu của một cấp ủy cấp dưới vào dưới một tổ chức của tệp này, thay cho những gì lần đồng bộ trước của cùng tệp đó đã mang vào",
    ),
    (
        "remove",
        "Xóa một tổ chức không có tổ chức cấp dưới và không có bản ghi kết nạp",
    ),
    (
        "assign",
        "Giao chỉ tiêu cho một tổ chức theo năm hoặc theo nhiệm kỳ",
    ),
    (
        "admit",
        "Ghi nhận kết nạp: một con số, hoặc một người kèm thông tin",
    ),
    ("admissions", "Liệt kê các bản ghi kết nạp kèm mã"),
    (
        "train",
        "Ghi nhận số người học lớp bồi dưỡng nhận thức về Đảng (điều mà kế hoạch `trained` đếm)",
    ),
    (
        "candidate",
        "Những người trong nguồn kết nạp: thêm, chuyển giai đoạn, loại, liệt kê, kết nạp",
    ),
    (
        "candidate add",
        "Thêm một người vào nguồn kết nạp của một tổ chức; in ra mã của người đó",
    ),
    (
        "candidate advance",
        "Chuyển một người trong nguồn sang giai đoạn sau",
    ),
    (
        "candidate drop",
        "Loại một người khỏi nguồn kết nạp, kèm lý do",
    ),
    (
        "candidate list",
        "Liệt kê những người trong nguồn (chỉ hiện họ tên khi có --with-details)",
    ),
    (
        "candidate admit",
        "Kết nạp một người đã được chi bộ biểu quyết: ghi bản ghi kết nạp từ thông tin của người đó và in ra mã bản ghi",
    ),
    (
        "pipeline",
        "Liệu chỉ tiêu có đạt được không: phần chỉ tiêu còn lại và số người trong nguồn ở mỗi giai đoạn, theo từng tổ chức; đánh dấu những tổ chức có nguồn không đủ bù",
    ),
    (
        "due",
        "Những việc quá hạn hoặc sắp đến hạn: quyết định kết nạp (60 ngày làm việc sau khi chi bộ biểu quyết), lễ kết nạp (30 ngày sau quyết định), xét công nhận đảng viên chính thức (sau 12 tháng dự bị)",
    ),
    (
        "probation",
        "Những ai sắp hết thời gian dự bị, đến lúc xét công nhận đảng viên chính thức",
    ),
    ("ceremony", "Ghi nhận lễ kết nạp của một bản ghi kết nạp"),
    (
        "confirm",
        "Ghi nhận một đảng viên dự bị đã được công nhận đảng viên chính thức",
    ),
    (
        "strike",
        "Xóa tên một đảng viên dự bị, kèm lý do (lần kết nạp vẫn được tính cho năm của nó)",
    ),
    (
        "holiday",
        "Các ngày nghỉ lễ mà thời hạn tính theo ngày làm việc bỏ qua",
    ),
    ("holiday add", "Thêm một ngày nghỉ"),
    ("holiday remove", "Bỏ một ngày nghỉ"),
    ("holiday list", "Liệt kê các ngày nghỉ"),
    (
        "void",
        "Hủy một bản ghi kết nạp nhầm (bản ghi vẫn nằm trong tệp dữ liệu, được đánh dấu đã hủy)",
    ),
    (
        "erase",
        "Xóa dữ liệu cá nhân của các bản ghi kết nạp khỏi tệp dữ liệu, bản sao lưu và lịch sử (bản ghi vẫn còn và vẫn được tính; không thể hoàn tác)",
    ),
    ("orgs", "Liệt kê các tổ chức"),
    (
        "report",
        "Tiến độ so với chỉ tiêu, cộng dồn theo cây tổ chức",
    ),
    (
        "breakdown",
        "Cơ cấu đảng viên mới kết nạp (nữ, dân tộc thiểu số, có đạo, đoàn viên, tuổi 18-30, nghề nghiệp), cộng dồn theo cây tổ chức",
    ),
    (
        "completions",
        "In đoạn mã gợi ý hoàn thành lệnh cho một trình shell",
    ),
    ("man", "In trang hướng dẫn (roff): `quota man | man -l -`"),
    (
        "__orgs",
        "Các mã tổ chức của tệp dữ liệu, mỗi mã một dòng, cho đoạn mã hoàn thành lệnh",
    ),
    (
        "check",
        "Tìm những gì sẽ làm sai báo cáo: chỉ tiêu giao xuống vượt chỉ tiêu của cấp trên, kết nạp chưa có chỉ tiêu, bản ghi thuộc tổ chức đã hợp nhất hoặc ghi ngày sau hôm nay, liên kết hỏng; mã thoát 1 khi có lỗi, 0 khi chỉ có cảnh báo",
    ),
    (
        "import",
        "Đọc tổ chức, chỉ tiêu, kết nạp, học lớp hoặc người trong nguồn từ tệp CSV (nhập tất cả hoặc không nhập gì)",
    ),
    (
        "export",
        "Ghi tổ chức, chỉ tiêu, kết nạp, học lớp hoặc người trong nguồn ra CSV để mở bằng Excel",
    ),
    ("log", "Lịch sử thay đổi: khi nào, ai, thay đổi gì"),
    (
        "undo",
        "Hoàn tác thay đổi gần nhất (chạy lại để hoàn tác thay đổi trước đó)",
    ),
];

const ORG: &str = "Mã hoặc tên chính xác của tổ chức";
const ORG_BELOW: &str = "Tổ chức này và các tổ chức dưới nó";
const YEAR: &str = "Một năm, ví dụ 2023";
const TERM: &str = "Một nhiệm kỳ, năm đầu và năm cuối, ví dụ 2020-2025";
const MEMBERS: &str = "Số đảng viên hiện tại";
const FORMAT: &str = "Định dạng đầu ra";
const REPORT_FORMAT: &str = "Định dạng đầu ra (mặc định: theo đuôi tệp của --output, nếu không thì bảng): JSON và CSV giống nhau ở mọi ngôn ngữ; xlsx cần --output";
const OUTPUT: &str = "Ghi ra tệp này thay vì stdout";
const DEPTH: &str = "Hiện bấy nhiêu tầng dưới tổ chức cao nhất (0: chỉ tổ chức cao nhất)";
const AS_OF: &str = "Tính kết nạp đến ngày này, hoặc đến cuối tháng này (2026-06 hoặc 06/2026) (mặc định: hôm nay, hoặc cuối một kỳ đã qua)";
const QUARTER: &str = "Từ đầu năm đến cuối quý này (2026-Q2)";
const NAME: &str = "Họ tên (dữ liệu cá nhân)";
const SEX: &str = "Giới tính: nữ hoặc nam (female hoặc male) (dữ liệu cá nhân)";
const BORN: &str = "Ngày sinh (dữ liệu cá nhân)";
const ETHNICITY: &str = "Dân tộc (dữ liệu cá nhân nhạy cảm)";
const RELIGION: &str = "Tôn giáo (dữ liệu cá nhân nhạy cảm)";
const YOUTH_UNION: &str = "Là đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh";
const OCCUPATION: &str = "Nghề nghiệp, ví dụ công nhân, nông dân, học sinh";
const STAGE_DATE: &str = "Ngày đạt giai đoạn đó (mặc định hôm nay)";
const EXCEPTION: &str = "Lý do không áp dụng quy định về tuổi (từ 18 đến 60 khi chi bộ biểu quyết)";
const CEREMONY: &str = "Ngày tổ chức lễ kết nạp, nếu đã diễn ra";
const RECORD_ID: &str = "Mã bản ghi kết nạp";
const CANDIDATE_ID: &str = "Mã của người trong nguồn";
const WITHIN: &str = "Cả những việc đến hạn trong bấy nhiêu ngày tới";
const DUE_ALL: &str = "Cả những việc đã đến hạn từ hơn một năm trước mà chưa được ghi nhận";

/// The help of each argument, by command path and argument id.
pub const ARGS: &[(&str, &str, &str)] = &[
    (
        "",
        "store",
        "Tệp dữ liệu (.toml hoặc .json); cho thêm lần nữa để `report` và `breakdown` đọc nhiều tệp dữ liệu cùng lúc",
    ),
    ("", "lang", "Ngôn ngữ của bảng và thông báo"),
    ("", "color", "Khi nào tô màu bảng"),
    (
        "",
        "quiet",
        "Không in ghi chú ra stderr, như \"Đã ghi TỆP.\" hay một kỳ chưa kết thúc (lỗi và cảnh báo vẫn được in)",
    ),
    (
        "add",
        "id",
        "Mã tổ chức mới: chữ cái ASCII viết thường, chữ số và '-'",
    ),
    (
        "add",
        "name",
        "Tên đầy đủ, ví dụ \"Đảng bộ xã Cư Pui\" (mặc định: mã)",
    ),
    ("add", "parent", "Tổ chức cấp trên (mã hoặc tên chính xác)"),
    (
        "add",
        "level",
        "Cấp, ghi tự do, ví dụ tỉnh, xã, cơ sở, chi bộ",
    ),
    ("add", "members", MEMBERS),
    (
        "add",
        "quota",
        "Giao luôn chỉ tiêu kết nạp (cần --year hoặc --term)",
    ),
    ("add", "year", YEAR),
    ("add", "term", TERM),
    ("edit", "org", ORG),
    ("edit", "name", "Tên đầy đủ mới"),
    ("edit", "parent", "Cấp trên mới (mã hoặc tên chính xác)"),
    ("edit", "no_parent", "Đưa lên làm tổ chức cấp cao nhất"),
    ("edit", "level", "Cấp mới, ví dụ xã"),
    ("edit", "members", MEMBERS),
    (
        "merge",
        "org",
        "Tổ chức được hợp nhất (mã hoặc tên chính xác)",
    ),
    ("merge", "into", "Tổ chức nhận hợp nhất"),
    ("merge", "date", "Ngày hợp nhất (mặc định hôm nay)"),
    (
        "sync",
        "file",
        "Tệp dữ liệu của cấp ủy cấp dưới (.toml hoặc .json)",
    ),
    (
        "sync",
        "under",
        "Tổ chức của tệp này sẽ nhận tổ chức cao nhất của tệp kia làm cấp dưới",
    ),
    (
        "sync",
        "with_details",
        "Mang theo cả họ tên và ghi chú (các nhóm mà `breakdown` đếm luôn được mang theo)",
    ),
    ("remove", "org", ORG),
    ("assign", "org", ORG),
    ("assign", "target", "Con số cần đạt"),
    ("assign", "year", YEAR),
    ("assign", "term", TERM),
    ("assign", "metric", "Chỉ tiêu đếm gì"),
    ("admit", "org", ORG),
    ("admit", "count", "Số người được kết nạp [mặc định: 1]"),
    (
        "admit",
        "date",
        "Ngày quyết định kết nạp (2023-10-10 hoặc 10/10/2023; mặc định hôm nay)",
    ),
    ("admit", "name", NAME),
    ("admit", "sex", SEX),
    ("admit", "born", BORN),
    ("admit", "ethnicity", ETHNICITY),
    ("admit", "religion", RELIGION),
    ("admit", "youth_union", YOUTH_UNION),
    ("admit", "occupation", OCCUPATION),
    ("admit", "decision", "Số quyết định, ví dụ 123-QĐ/HU"),
    ("admit", "note", "Ghi chú tự do (chỉ hiện khi xem chi tiết)"),
    ("admit", "ceremony", CEREMONY),
    (
        "admissions",
        "org",
        "Chỉ tổ chức này và các tổ chức dưới nó",
    ),
    (
        "admissions",
        "year",
        "Chỉ các bản ghi có ngày trong năm này",
    ),
    (
        "admissions",
        "with_details",
        "Kèm dữ liệu cá nhân (họ tên, ngày sinh, dân tộc, tôn giáo…)",
    ),
    ("admissions", "format", FORMAT),
    ("train", "org", ORG),
    ("train", "count", "Số người đã học lớp"),
    (
        "train",
        "date",
        "Ngày bế giảng lớp (2023-10-10 hoặc 10/10/2023; mặc định hôm nay)",
    ),
    ("train", "note", "Ghi chú, ví dụ tên lớp"),
    ("candidate add", "org", ORG),
    ("candidate add", "name", NAME),
    ("candidate add", "sex", SEX),
    ("candidate add", "born", BORN),
    ("candidate add", "ethnicity", ETHNICITY),
    ("candidate add", "religion", RELIGION),
    ("candidate add", "youth_union", YOUTH_UNION),
    ("candidate add", "occupation", OCCUPATION),
    (
        "candidate add",
        "stage",
        "Giai đoạn đã đạt [mặc định: source]",
    ),
    ("candidate add", "date", STAGE_DATE),
    ("candidate add", "exception", EXCEPTION),
    (
        "candidate advance",
        "id",
        "Mã của người trong nguồn, như `candidate add` đã in ra",
    ),
    ("candidate advance", "stage", "Giai đoạn đã đạt"),
    ("candidate advance", "date", STAGE_DATE),
    ("candidate advance", "exception", EXCEPTION),
    ("candidate drop", "id", CANDIDATE_ID),
    ("candidate drop", "reason", "Lý do loại khỏi nguồn"),
    ("candidate drop", "date", "Ngày loại (mặc định hôm nay)"),
    ("candidate list", "org", ORG_BELOW),
    ("candidate list", "stage", "Chỉ những người ở giai đoạn này"),
    (
        "candidate list",
        "all",
        "Cả những người đã bị loại hoặc đã được kết nạp",
    ),
    (
        "candidate list",
        "with_details",
        "Hiện họ tên và các dữ liệu cá nhân khác",
    ),
    ("candidate list", "format", FORMAT),
    ("candidate admit", "id", CANDIDATE_ID),
    (
        "candidate admit",
        "date",
        "Ngày quyết định kết nạp (mặc định hôm nay)",
    ),
    (
        "candidate admit",
        "decision",
        "Số quyết định, ví dụ 123-QĐ/ĐU",
    ),
    ("candidate admit", "ceremony", CEREMONY),
    (
        "pipeline",
        "year",
        "Năm có chỉ tiêu mà nguồn cần bù đắp (mặc định: năm nay)",
    ),
    (
        "pipeline",
        "as_of",
        "Tính kết nạp và nguồn đến ngày này (mặc định: hôm nay, hoặc cuối một năm đã qua)",
    ),
    ("pipeline", "org", ORG_BELOW),
    ("pipeline", "depth", DEPTH),
    ("pipeline", "format", FORMAT),
    ("due", "within", WITHIN),
    ("due", "all", DUE_ALL),
    ("due", "org", ORG_BELOW),
    ("due", "with_details", "Hiện họ tên"),
    ("due", "format", FORMAT),
    ("probation", "within", WITHIN),
    ("probation", "all", DUE_ALL),
    ("probation", "org", ORG_BELOW),
    ("probation", "with_details", "Hiện họ tên"),
    ("probation", "format", FORMAT),
    ("ceremony", "id", RECORD_ID),
    ("ceremony", "date", "Ngày diễn ra (mặc định hôm nay)"),
    ("confirm", "id", RECORD_ID),
    ("confirm", "date", "Ngày diễn ra (mặc định hôm nay)"),
    ("strike", "id", RECORD_ID),
    ("strike", "reason", "Lý do xóa tên"),
    ("strike", "date", "Ngày quyết định (mặc định hôm nay)"),
    ("holiday add", "date", "Ngày (2026-09-02 hoặc 02/09/2026)"),
    ("holiday add", "name", "Tên ngày nghỉ, ví dụ \"Quốc khánh\""),
    ("holiday remove", "date", "Ngày"),
    ("void", "id", "Mã bản ghi, như `admit` đã in ra"),
    ("void", "reason", "Lý do hủy bản ghi"),
    ("erase", "ids", "Mã các bản ghi, như `admit` đã in ra"),
    ("orgs", "tree", "Thể hiện các cấp bằng thụt lề"),
    ("orgs", "format", FORMAT),
    ("report", "year", YEAR),
    ("report", "term", TERM),
    ("report", "as_of", AS_OF),
    (
        "report",
        "month",
        "Báo cáo tháng: từ đầu năm đến cuối tháng này (2026-06 hoặc 06/2026)",
    ),
    ("report", "quarter", QUARTER),
    (
        "report",
        "org",
        "Báo cáo về tổ chức này và các tổ chức dưới nó",
    ),
    ("report", "depth", DEPTH),
    ("report", "sort", "Thứ tự các dòng"),
    (
        "report",
        "deadline",
        "Hạn phải đạt chỉ tiêu, để tính tiến độ (mặc định: cuối kỳ)",
    ),
    ("report", "precision", "Số chữ số thập phân của tỷ lệ"),
    (
        "report",
        "compare",
        "Thêm năm trước bên cạnh năm nay: chỉ tiêu, số kết nạp tính đến cùng ngày, và mức tăng/giảm chỉ tiêu",
    ),
    (
        "report",
        "forecast",
        "Thêm dự báo: với nhịp độ hiện nay, đến cuối kỳ sẽ đạt bao nhiêu, và mỗi tháng cần kết nạp bao nhiêu để đạt chỉ tiêu đúng hạn",
    ),
    (
        "report",
        "top",
        "Chỉ giữ N tổ chức đầu tiên sau khi xếp hạng (với --sort), dưới tổ chức cao nhất",
    ),
    (
        "report",
        "level",
        "Chỉ hiện các tổ chức có cấp này, ví dụ xã hoặc chi bộ",
    ),
    (
        "report",
        "status",
        "Chỉ hiện các tổ chức có tình trạng này; khi xếp theo cây, các tổ chức cấp trên của chúng vẫn được giữ để tham chiếu",
    ),
    (
        "report",
        "by",
        "Thêm số kết nạp của từng tháng hoặc từng quý, mỗi tháng hay quý một cột",
    ),
    (
        "report",
        "metric",
        "Đếm gì: kết nạp so với chỉ tiêu, hoặc số người học lớp bồi dưỡng nhận thức về Đảng (`quota train`) so với kế hoạch `trained`",
    ),
    ("report", "format", REPORT_FORMAT),
    ("report", "output", OUTPUT),
    ("breakdown", "year", YEAR),
    ("breakdown", "term", TERM),
    ("breakdown", "as_of", AS_OF),
    (
        "breakdown",
        "month",
        "Từ đầu năm đến cuối tháng này (2026-06 hoặc 06/2026)",
    ),
    ("breakdown", "quarter", QUARTER),
    ("breakdown", "org", ORG_BELOW),
    ("breakdown", "depth", DEPTH),
    ("breakdown", "format", REPORT_FORMAT),
    ("breakdown", "output", OUTPUT),
    ("check", "format", FORMAT),
    (
        "completions",
        "shell",
        "Trình shell: bash, zsh, fish, powershell hoặc elvish",
    ),
    (
        "import",
        "file",
        "Tệp CSV (UTF-8, có hoặc không có BOM; phân cách bằng ',' hoặc ';')",
    ),
    (
        "import",
        "kind",
        "Tệp chứa gì (mặc định: theo dòng tiêu đề; tệp học lớp cần --kind training, nếu không sẽ được đọc là kết nạp; người trong nguồn được nhập sau các bản ghi kết nạp của họ)",
    ),
    (
        "import",
        "allow_duplicates",
        "Nhập kết nạp, học lớp hoặc người trong nguồn ngay cả khi tệp dữ liệu đã có những bản ghi giống hệt",
    ),
    (
        "import",
        "encoding",
        "Bảng mã của tệp (mặc định: UTF-8, hoặc Windows-1258 khi tệp không phải UTF-8 hợp lệ, như Excel lưu \"CSV\" trên Windows tiếng Việt)",
    ),
    (
        "import",
        "prefix",
        "Thêm chuỗi này vào trước mọi mã tổ chức trong tệp (cột id và parent của tổ chức, cột org của các loại khác), ví dụ cu-pui- khi đưa tệp xuất của một xã vào tệp dữ liệu của tỉnh",
    ),
    (
        "import",
        "under",
        "Đặt các tổ chức cao nhất của tệp (không có cấp trên) vào dưới tổ chức này của tệp dữ liệu",
    ),
    ("export", "kind", "Ghi loại dữ liệu nào"),
    (
        "export",
        "with_details",
        "Kèm dữ liệu cá nhân của đảng viên được kết nạp và người trong nguồn (khi đó --output ghi ra tệp chỉ bạn đọc được)",
    ),
    ("export", "output", OUTPUT),
    ("log", "last", "Chỉ hiện N thay đổi gần nhất"),
    ("log", "format", FORMAT),
    (
        "log",
        "prune",
        "Bỏ khỏi lịch sử các thay đổi được ghi trước ngày này thay vì liệt kê (sau đó undo không thể quay lại trước chúng)",
    ),
];

/// What a value means, for the values whose English help says it.
pub const VALUES: &[(&str, &str)] = &[
    (
        "source",
        "có tên trong danh sách quần chúng ưu tú của chi bộ",
    ),
    (
        "trained",
        "có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
    ),
    ("applied", "đã làm đơn xin vào Đảng và khai lý lịch"),
    ("verifying", "đang thẩm tra lý lịch"),
    ("voted", "chi bộ đã biểu quyết đề nghị kết nạp"),
    ("xlsx", "sổ tính Excel (cần --output TỆP.xlsx)"),
    ("html", "trang để xem bằng trình duyệt hoặc để in"),
];

const AFTER_HELP: &str = "\
Biến môi trường:
  QUOTA_STORE   tệp dữ liệu khi không có --store (nếu không thì quota.toml)
  QUOTA_TODAY   ngày hôm nay (YYYY-MM-DD), để các lần chạy cho cùng kết quả
  QUOTA_LOCK_TIMEOUT  số giây một lần ghi chờ lần ghi khác (mặc định 10)
  USER          người thực hiện thay đổi, ghi vào lịch sử
  LC_ALL, LANG  ngôn ngữ hệ thống bắt đầu bằng 'vi' chọn tiếng Việt
  NO_COLOR      không tô màu khi --color auto
  COLUMNS       độ rộng mà bảng được dàn theo

Mã thoát: 0 thành công; 1 lỗi (dữ liệu sai, không có tổ chức, không đọc được
tệp dữ liệu, `check` tìm thấy lỗi); 2 dùng sai dòng lệnh.";

/// clap's default template with our usage heading.
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";
const COMMANDS: &str = "Lệnh";
const ARGUMENTS: &str = "Đối số";
const OPTIONS: &str = "Tùy chọn";
const GLOBAL_VI: &str = "Tùy chọn chung";
const HELP: &str = "In trợ giúp";
const HELP_COMMAND: &str = "In trợ giúp này hoặc trợ giúp của lệnh được nêu";

/// The text of one command's about, if the catalogue has it.
pub fn about(path: &str) -> Option<&'static str> {
    ABOUT.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

/// The help of one argument, if the catalogue has it.
pub fn arg_help(path: &str, id: &str) -> Option<&'static str> {
    ARGS.iter()
        .find(|(p, i, _)| *p == path && *i == id)
        .map(|(_, _, t)| *t)
}

/// The command line in Vietnamese: the same arguments and parsing as
/// `Cli::command()`, every text a user reads in help in Vietnamese.
pub fn command() -> Command {
    let globals: Vec<String> = Cli::command()
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let mut cmd = super::examples::apply(
        rewrite(Cli::command(), "").after_help(AFTER_HELP),
        "Ví dụ:",
        Some(AFTER_HELP),
    )
    .disable_version_flag(true)
    .arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("In phiên bản")
            .help_heading(OPTIONS),
    );
    // Headings are listed in the order their first argument comes: the
    // global options go after -h and -V, as in English.
    for id in &globals {
        cmd = cmd.mut_arg(id, |a| a);
    }
    // Built now, so that clap's `help` subcommands exist to be rewritten
    // and each usage line can be read.
    cmd.build();
    finish(&mut cmd);
    cmd
}

/// A value's placeholder in Vietnamese, by its English name or the
/// argument's id in capitals; one not known stays as it is.
fn value_name(english: &str) -> Option<&'static str> {
    const NAMES: &[(&str, &str)] = &[
        ("DATE", "NGÀY"),
        ("DAYS", "SỐ_NGÀY"),
        ("FILE", "TỆP"),
        ("LEVEL", "CẤP"),
        ("MONTH", "THÁNG"),
        ("N", "N"),
        ("NO", "SỐ"),
        ("ORG", "TỔ_CHỨC"),
        ("P", "TIỀN_TỐ"),
        ("PATH", "ĐƯỜNG_DẪN"),
        ("QUARTER", "QUÝ"),
        ("SPAN", "KỲ"),
        ("TEXT", "NỘI_DUNG"),
        ("YEAR", "NĂM"),
        ("A-B", "A-B"),
        ("ADMISSION-ID", "MÃ_KẾT_NẠP"),
        ("COUNT", "SỐ_LƯỢNG"),
        ("TARGET", "CHỈ_TIÊU"),
        ("ID", "MÃ"),
        ("IDS", "MÃ"),
        ("SHELL", "TRÌNH_SHELL"),
        ("STAGE", "GIAI_ĐOẠN"),
        ("SORT", "THỨ_TỰ"),
        ("FORMAT", "ĐỊNH_DẠNG"),
        ("LANG", "NGÔN_NGỮ"),
        ("COLOR", "MÀU"),
        ("METRIC", "LOẠI"),
        ("STATUS", "TÌNH_TRẠNG"),
        ("KIND", "LOẠI"),
        ("ENCODING", "BẢNG_MÃ"),
        ("REASON", "LÝ_DO"),
        ("NAME", "TÊN"),
        ("SEX", "GIỚI_TÍNH"),
        ("ETHNICITY", "DÂN_TỘC"),
        ("RELIGION", "TÔN_GIÁO"),
        ("OCCUPATION", "NGHỀ_NGHIỆP"),
        ("DECISION", "SỐ_QĐ"),
        ("PARENT", "CẤP_TRÊN"),
        ("MEMBERS", "SỐ_ĐẢNG_VIÊN"),
        ("QUOTA", "CHỈ_TIÊU"),
        ("TERM", "A-B"),
        ("INTO", "TỔ_CHỨC"),
        ("UNDER", "TỔ_CHỨC"),
        ("PREFIX", "TIỀN_TỐ"),
        ("NOTE", "GHI_CHÚ"),
    ];
    NAMES
        .iter()
        .find(|(en, _)| *en == english)
        .map(|(_, vi)| *vi)
}

/// Texts, headings and the help flag, before clap builds the command.
fn rewrite(cmd: Command, path: &str) -> Command {
    let cmd = match about(path) {
        Some(about) => cmd.about(about),
        None => cmd,
    };
    // `mut_args` keeps the order: positionals are numbered by it.
    let mut positionals = 0;
    cmd.long_about(None)
        .disable_help_flag(true)
        .mut_args(|a| rewrite_arg(a, path, &mut positionals))
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(HELP)
                .help_heading(OPTIONS),
        )
        .mut_subcommands(|sub| {
            let path = match path {
                "" => sub.get_name().to_string(),
                _ => format!("{path} {}", sub.get_name()),
            };
            rewrite(sub, &path)
        })
}

/// One argument's help, with its default and values said by us.
fn rewrite_arg(a: Arg, path: &str, positionals: &mut usize) -> Arg {
    let id = a.get_id().as_str();
    let mut help = arg_help(path, id)
        .map(str::to_string)
        .or_else(|| a.get_help().map(ToString::to_string))
        .unwrap_or_default();
    // A flag's implicit values (true, false) are not the user's to type.
    let takes_values = a.get_action().takes_values();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() && !a.is_hide_default_value_set() {
        help.push_str(&format!(" [mặc định: {}]", defaults.join(", ")));
    }
    let values: Vec<PossibleValue> = a
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    if takes_values && !values.is_empty() && !a.is_hide_possible_values_set() {
        if values.iter().any(|v| v.get_help().is_some()) {
            help.push_str("\nGiá trị:");
            for v in &values {
                let meaning = VALUES
                    .iter()
                    .find(|(n, _)| *n == v.get_name())
                    .map(|(_, t)| t.to_string())
                    .or_else(|| v.get_help().map(ToString::to_string));
                match meaning {
                    Some(m) => help.push_str(&format!("\n- {}: {m}", v.get_name())),
                    None => help.push_str(&format!("\n- {}", v.get_name())),
                }
            }
        } else {
            let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
            help.push_str(&format!(" [giá trị: {}]", names.join(", ")));
        }
    }
    let heading = match a.get_help_heading() {
        Some(GLOBAL) => Some(GLOBAL_VI),
        Some(_) => None,
        None if a.is_positional() => Some(ARGUMENTS),
        None => Some(OPTIONS),
    };
    // The placeholder of a value (`<DATE>`) in Vietnamese too; one not
    // in the table stays as it is.
    let placeholders: Option<Vec<clap::builder::Str>> = match a.get_value_names() {
        Some(names) => Some(
            names
                .iter()
                .map(|n| value_name(n).map_or_else(|| n.clone(), Into::into))
                .collect(),
        ),
        None => value_name(&id.to_uppercase()).map(|vi| vec![vi.into()]),
    };
    let mut a = a
        .help(help)
        .long_help(None)
        .hide_default_value(takes_values)
        .hide_possible_values(takes_values);
    if let Some(names) = placeholders.filter(|_| takes_values) {
        a = a.value_names(names);
    }
    if let Some(heading) = heading {
        a = a.help_heading(heading);
    }
    // Under a heading of ours, arguments are listed by display order: the
    // positionals keep the order they are typed in.
    if a.is_positional() {
        a = a.display_order(*positionals);
        *positionals += 1;
    }
    a
}

/// What exists only once clap has built the command: the `help`
/// subcommands, and the usage lines with their English placeholders.
fn finish(cmd: &mut Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let usage = usage
        .replace("[OPTIONS]", "[TÙY CHỌN]")
        .replace("<COMMAND>", "<LỆNH>")
        .replace("[COMMAND]", "[LỆNH]");
    let mut new = std::mem::take(cmd)
        .override_usage(usage)
        .help_template(TEMPLATE)
        .subcommand_help_heading(COMMANDS);
    // No command of ours is called `help`: this is clap's.
    if new.get_name() == "help" {
        new = new.about(HELP_COMMAND);
    }
    *cmd = new;
    for sub in cmd.get_subcommands_mut() {
        finish(sub);
    }
}
