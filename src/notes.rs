//! Notes for the user gathered while a command runs, from code that has
//! no way to say them itself (a look-up that follows an alias); the
//! command line shows them with the command's own notes. Library code never
//! prints.

use std::cell::RefCell;

use crate::lang::Text;

thread_local! {
    static NOTES: RefCell<Vec<Text>> = const { RefCell::new(Vec::new()) };
}

/// Adds a note, once: the same note twice is said once.
pub fn push(note: Text) {
    NOTES.with(|n| {
        let mut n = n.borrow_mut();
        if !n.contains(&note) {
            n.push(note);
        }
    });
}

/// The notes gathered so far, taken away.
pub fn take() -> Vec<Text> {
    NOTES.with(|n| std::mem::take(&mut *n.borrow_mut()))
}
