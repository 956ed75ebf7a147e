//! Made-up personal details for generated records, in proportions close to
//! what a committee's register of new members holds: Vietnamese names with
//! their diacritics, about half women, mostly Kinh with the larger ethnic
//! minorities, few religious believers, most from the Youth Union. None of
//! it is a real person.

use chrono::{Days, NaiveDate};
use quota::model::{Person, Sex};

use super::Rng;

/// Family names, the common ones repeated to weigh them roughly as they
/// are found.
const FAMILY: &[&str] = &[
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê",
    "Lê", "Phạm", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Lò", "Hà", "Trịnh", "Lương",
];

const MIDDLE_FEMALE: &[&str] = &["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng"];
const MIDDLE_MALE: &[&str] = &["Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành"];

const GIVEN_FEMALE: &[&str] = &[
    "An", "Anh", "Bích", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan",
    "Linh", "Loan", "Mai", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thủy", "Trang",
    "Tuyết", "Vân", "Yến",
];
const GIVEN_MALE: &[&str] = &[
    "An", "Bảo", "Bình", "Cường", "Dũng", "Đạt", "Đông", "Hải", "Hiếu", "Hùng", "Huy", "Khánh",
    "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Trung",
    "Tuấn", "Việt", "Vinh",
];

/// Ethnic groups other than Kinh, the larger ones.
const MINORITIES: &[&str] = &[
    "Tày",
    "Thái",
    "Mường",
    "Khmer",
    "Mông",
    "Nùng",
    "Dao",
    "Gia Rai",
    "Ê Đê",
    "Ba Na",
    "Xơ Đăng",
    "Sán Chay",
    "Cơ Ho",
    "Chăm",
    "Sán Dìu",
    "Hrê",
];

const RELIGIONS: &[&str] = &[
    "Công giáo",
    "Phật giáo",
    "Tin lành",
    "Cao Đài",
    "Phật giáo Hòa Hảo",
];

const OCCUPATIONS: &[&str] = &[
    "Nông dân",
    "Nông dân",
    "Công nhân",
    "Giáo viên",
    "Công chức",
    "Viên chức",
    "Quân nhân",
    "Công an",
    "Sinh viên",
    "Học sinh THPT",
    "Kinh doanh",
    "Bác sĩ",
    "Kỹ sư",
    "Cán bộ thôn",
];

const NOTES: &[&str] = &[
    "Kết nạp đợt 19/5",
    "Kết nạp đợt 3/2",
    "Chuyển sinh hoạt từ chi bộ khác trước khi kết nạp",
    "Quần chúng ưu tú ở thôn chưa có đảng viên",
    "Hồ sơ bổ sung lý lịch",
];

/// The details of one person admitted on `date`: between 18 and about 45
/// years old that day, so every record passes `quota admit`'s checks.
pub fn person(rng: &mut Rng, date: NaiveDate) -> Person {
    let female = rng.chance(52);
    let (middle, given) = if female {
        (MIDDLE_FEMALE, GIVEN_FEMALE)
    } else {
        (MIDDLE_MALE, GIVEN_MALE)
    };
    let name = format!(
        "{} {} {}",
        rng.pick(FAMILY),
        rng.pick(middle),
        rng.pick(given)
    );
    // 18 × 366 days is at least 18 years whatever the leap years.
    let born = date - Days::new(18 * 366 + rng.below(27 * 365));
    let ethnicity = if rng.chance(85) {
        "Kinh"
    } else {
        rng.pick(MINORITIES)
    };
    Person {
        name: Some(name),
        sex: Some(if female { Sex::Female } else { Sex::Male }),
        born: Some(born),
        ethnicity: Some(ethnicity.into()),
        religion: rng.chance(4).then(|| rng.pick(RELIGIONS).into()),
        youth_union: rng.chance(75),
        occupation: rng.chance(70).then(|| rng.pick(OCCUPATIONS).into()),
    }
}

/// A short free-text note, as a few records carry.
pub fn note(rng: &mut Rng) -> &'static str {
    rng.pick(NOTES)
}
