//! Tables written line by line at fixed column widths: the bytes
//! comfy-table writes for the style of [`super::table::new_table`], trailing
//! blanks trimmed, without comfy-table's copies of every cell and every
//! line of a national table.
//!
//! Everything comfy-table would do to such a table is done the same way
//! here: a line of a cell wider than its column is split by comfy-table's
//! own rules (between words, then inside a word by grapheme), cells are
//! padded by the same width function (unicode-width), and a coloured cell
//! gets the escape sequences crossterm writes. The tests beside this file
//! render reports both ways and compare the bytes.

use std::borrow::Cow;

use comfy_table::Color;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::table::{GAP, text_width};

/// How the text of a column lines up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One column as comfy-table lays it out.
struct Column {
    /// Room for text.
    content: usize,
    /// Blanks after the text; the one-character vertical line between
    /// columns is written apart.
    pad: usize,
    /// `content + pad`: the width of an empty line of the cell.
    full: usize,
    align: Align,
}

/// Writes a table into a string, one row at a time.
pub struct Writer {
    out: String,
    columns: Vec<Column>,
    /// Whether crossterm leaves colour parameters out (`NO_COLOR` set),
    /// writing `ESC[m` where a colour would be.
    bare_sgr: bool,
    /// Text width of the first line of each cell of the row being written.
    widths: Vec<usize>,
    /// Where the next line of each cell of that row starts.
    next: Vec<usize>,
    /// The columns a row's colour is given to.
    colored: Vec<bool>,
}

impl Writer {
    /// A writer appending to `out`, for columns whose text is `widths`
    /// wide (as [`super::table::fit`] gives them).
    pub fn new(out: String, widths: &[usize], align: &[Align]) -> Writer {
        let n = widths.len();
        let columns = widths
            .iter()
            .zip(align)
            .enumerate()
            .map(|(i, (&w, &align))| {
                // The same arithmetic as `new_table` and comfy-table: a
                // fixed width of text plus padding, in u16, text at least 1.
                let gap = if i + 1 == n { 0 } else { GAP - 1 };
                let fixed = u16::try_from(w).unwrap_or(u16::MAX).saturating_add(gap);
                let content = fixed.saturating_sub(gap).max(1);
                Column {
                    content: usize::from(content),
                    pad: usize::from(gap),
                    full: usize::from(content.saturating_add(gap)),
                    align,
                }
            })
            .collect();
        Writer {
            out,
            columns,
            // crossterm reads NO_COLOR itself, even when colour is forced.
            bare_sgr: crate::env::no_color(),
            widths: Vec::with_capacity(n),
            next: Vec::with_capacity(n),
            // The last column, unless told otherwise.
            colored: (0..n).map(|i| i + 1 == n).collect(),
        }
    }

    /// Gives a row's colour to the columns marked `true`.
    pub fn colouring(mut self, colored: Vec<bool>) -> Writer {
        self.colored = colored;
        self
    }

    /// The header and the rule under it.
    pub fn header(&mut self, cells: &[String]) {
        self.row(cells, None);
        let mut first = true;
        for c in &self.columns {
            if !first {
                self.out.push('─');
            }
            first = false;
            self.out.extend(std::iter::repeat_n('─', c.full));
        }
        self.out.push('\n');
    }

    /// One row of at most as many cells as columns, its coloured cells
    /// (the last, unless [`Writer::colouring`] said others) in `color`
    /// when given.
    pub fn row(&mut self, cells: &[String], color: Option<Color>) {
        let style = color.map(|c| sgr(c, self.bare_sgr));
        // Lines a cell takes: one per line break (as comfy-table splits a
        // cell's text), unless a line is too wide and must be split too.
        let mut height = 1;
        let mut fits = cells.len() == self.columns.len();
        self.widths.clear();
        for (cell, c) in cells.iter().zip(&self.columns) {
            let mut n = 0;
            for line in cell.split('\n') {
                let w = text_width(line);
                fits &= w <= c.content;
                if n == 0 {
                    self.widths.push(w);
                }
                n += 1;
            }
            height = height.max(n);
        }
        if !fits {
            return self.split_row(cells, style.as_ref());
        }
        // Where each cell's next line starts; past its end when done.
        self.next.clear();
        self.next.resize(cells.len(), 0);
        for k in 0..height {
            let start = self.out.len();
            for (i, (cell, c)) in cells.iter().zip(&self.columns).enumerate() {
                if i > 0 {
                    self.out.push(' ');
                }
                let at = self.next[i];
                if at > cell.len() {
                    spaces(&mut self.out, c.full);
                    continue;
                }
                let end = cell[at..].find('\n').map_or(cell.len(), |e| at + e);
                let line = &cell[at..end];
                self.next[i] = end + 1;
                let width = if k == 0 {
                    self.widths[i]
                } else {
                    text_width(line)
                };
                let style = style.as_ref().filter(|_| self.colored[i]);
                put(&mut self.out, c, line, width, style);
            }
            end_line(&mut self.out, start);
        }
    }

    /// A row with a line wider than its column, or short of cells.
    fn split_row(&mut self, cells: &[String], style: Option<&(String, &'static str)>) {
        let cell_lines: Vec<Vec<Cow<'_, str>>> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| match cells.get(i) {
                Some(cell) => cell
                    .split('\n')
                    .flat_map(|line| {
                        if text_width(line) > c.content {
                            split_line(line, c.content)
                                .into_iter()
                                .map(Cow::Owned)
                                .collect()
                        } else {
                            vec![Cow::Borrowed(line)]
                        }
                    })
                    .collect(),
                // A row short of cells is topped up with blanks.
                None => vec![Cow::Owned(" ".repeat(c.full))],
            })
            .collect();
        let height = cell_lines.iter().map(Vec::len).max().unwrap_or(0);
        for k in 0..height {
            let start = self.out.len();
            for (i, (lines, c)) in cell_lines.iter().zip(&self.columns).enumerate() {
                if i > 0 {
                    self.out.push(' ');
                }
                match lines.get(k) {
                    Some(line) if i < cells.len() => {
                        let style = style.filter(|_| self.colored[i]);
                        put(&mut self.out, c, line, text_width(line), style);
                    }
                    Some(blank) => self.out.push_str(blank),
                    None => spaces(&mut self.out, c.full),
                }
            }
            end_line(&mut self.out, start);
        }
    }

    /// The table written so far, every line ended by a newline.
    pub fn finish(self) -> String {
        self.out
    }
}

/// One line of a cell, aligned and padded to its column, wrapped in the
/// colour's escape sequences when styled (blanks included, as comfy-table
/// styles the whole padded line).
fn put(
    out: &mut String,
    c: &Column,
    text: &str,
    width: usize,
    style: Option<&(String, &'static str)>,
) {
    let remaining = c.content.saturating_sub(width);
    let (left, right) = match c.align {
        Align::Left => (0, remaining),
        Align::Right => (remaining, 0),
    };
    if let Some((on, _)) = style {
        out.push_str(on);
    }
    spaces(out, left);
    out.push_str(text);
    spaces(out, right + c.pad);
    if let Some((_, off)) = style {
        out.push_str(off);
    }
}

/// Ends the line begun at `start`, without its trailing blanks.
fn end_line(out: &mut String, start: usize) {
    let kept = out[start..].trim_end().len();
    out.truncate(start + kept);
    out.push('\n');
}

fn spaces(out: &mut String, n: usize) {
    const BLANKS: &str = "                                                                ";
    let mut n = n;
    while n > 0 {
        let k = n.min(BLANKS.len());
        out.push_str(&BLANKS[..k]);
        n -= k;
    }
}

/// The escape sequences crossterm writes before and after a text in the
/// foreground colour `color`; with `bare`, the parameters left out.
fn sgr(color: Color, bare: bool) -> (String, &'static str) {
    if bare {
        return ("\x1b[m".to_string(), "\x1b[m");
    }
    let code = match color {
        Color::Reset => "39".to_string(),
        Color::Black => "38;5;0".to_string(),
        Color::DarkGrey => "38;5;8".to_string(),
        Color::Red => "38;5;9".to_string(),
        Color::DarkRed => "38;5;1".to_string(),
        Color::Green => "38;5;10".to_string(),
        Color::DarkGreen => "38;5;2".to_string(),
        Color::Yellow => "38;5;11".to_string(),
        Color::DarkYellow => "38;5;3".to_string(),
        Color::Blue => "38;5;12".to_string(),
        Color::DarkBlue => "38;5;4".to_string(),
        Color::Magenta => "38;5;13".to_string(),
        Color::DarkMagenta => "38;5;5".to_string(),
        Color::Cyan => "38;5;14".to_string(),
        Color::DarkCyan => "38;5;6".to_string(),
        Color::White => "38;5;15".to_string(),
        Color::Grey => "38;5;7".to_string(),
        Color::Rgb { r, g, b } => format!("38;2;{r};{g};{b}"),
        Color::AnsiValue(v) => format!("38;5;{v}"),
    };
    (format!("\x1b[{code}m"), "\x1b[39m")
}

/// Room a split line must keep for one more word (comfy-table's
/// `MIN_FREE_CHARS`).
const MIN_FREE: usize = 2;

/// comfy-table's split of a line wider than its column: words (split at
/// spaces) added while they fit, a line closed when at most two columns
/// are left, a word longer than the column cut where it reaches the edge.
fn split_line(line: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut words: Vec<Cow<'_, str>> = line.split(' ').map(Cow::Borrowed).collect();
    words.reverse();
    let mut current = String::new();
    let mut current_width = 0;
    while let Some(next) = words.pop() {
        let next_width = next.width();
        let mut added = next_width + current_width;
        if !current.is_empty() {
            added += 1;
        }
        let mut room = width.saturating_sub(current_width);
        if !current.is_empty() {
            room = room.saturating_sub(1);
        }
        if added <= width {
            if !current.is_empty() {
                current.push(' ');
                current_width += 1;
            }
            current.push_str(&next);
            current_width += next_width;
            close_if_full(&mut lines, width, &mut current, &mut current_width);
            continue;
        }
        if !current.is_empty() && room <= MIN_FREE {
            words.push(next);
            lines.push(std::mem::take(&mut current));
            current_width = 0;
            continue;
        }
        if next_width > width {
            let fresh = current.is_empty();
            if !fresh {
                current.push(' ');
            }
            let (head, tail) = match next {
                Cow::Borrowed(word) => {
                    let (h, t) = split_long_word(room, word);
                    (Cow::Borrowed(h), Cow::Borrowed(t))
                }
                Cow::Owned(word) => {
                    let (h, t) = split_long_word(room, &word);
                    (Cow::Owned(h.to_string()), Cow::Owned(t.to_string()))
                }
            };
            if fresh && head.is_empty() {
                // Not even one character fits: comfy-table puts one in anyway.
                let mut chars = tail.chars();
                if let Some(c) = chars.next() {
                    current.push(c);
                }
                words.push(Cow::Owned(chars.collect()));
            } else {
                current.push_str(&head);
                words.push(tail);
            }
            lines.push(std::mem::take(&mut current));
            current_width = 0;
            continue;
        }
        lines.push(std::mem::replace(&mut current, next.into_owned()));
        current_width = next_width;
        close_if_full(&mut lines, width, &mut current, &mut current_width);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

fn close_if_full(lines: &mut Vec<String>, width: usize, current: &mut String, cw: &mut usize) {
    if *cw > width.saturating_sub(MIN_FREE) {
        lines.push(std::mem::take(current));
        *cw = 0;
    }
}

/// Cuts `word` where it reaches `width` columns, between graphemes (a
/// plain ASCII word between bytes), as comfy-table does.
fn split_long_word(width: usize, word: &str) -> (&str, &str) {
    if word.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return word.split_at(word.len().min(width));
    }
    let mut taken = 0;
    let mut at = word.len();
    for (i, g) in word.grapheme_indices(true) {
        let w = g.width();
        if taken + w > width {
            at = i;
            break;
        }
        taken += w;
    }
    word.split_at(at)
}

#[cfg(test)]
mod tests;
