//! The command line as the history records it: each word quoted for a
//! shell where needed. Which words are personal is decided by the command
//! layer, from the parsed command; here they arrive as `None`.

/// The recorded line: words quoted, hidden values shown as `…`.
pub fn command_line(words: &[Option<String>]) -> String {
    words
        .iter()
        .map(|w| w.as_deref().map_or_else(|| "…".to_string(), quote))
        .collect::<Vec<_>>()
        .join(" ")
}

fn quote(a: &str) -> String {
    if !a.is_empty()
        && a.chars()
            .all(|c| c.is_alphanumeric() || "-_./:=,@%+".contains(c))
    {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_and_hidden_ones_elided() {
        let words = [
            Some("quota".to_string()),
            Some("edit".to_string()),
            Some("xa".to_string()),
            Some("--name".to_string()),
            Some("Đảng bộ xã A".to_string()),
            Some("--note".to_string()),
            None,
        ];
        assert_eq!(
            command_line(&words),
            "quota edit xa --name 'Đảng bộ xã A' --note …"
        );
    }
}
