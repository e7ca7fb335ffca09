//! The search bar and stepping through matches.

use super::App;
use crate::reader::search::Step;

impl App {
    /// The query or its options changed: search again from where the search began.
    pub(super) fn search_changed(&mut self) {
        let query = self.prompt.value().to_owned();
        self.search.set_query(&query);
        self.follow_search();
    }

    /// Moves the view to the current match, or back to where the search began.
    pub(super) fn follow_search(&mut self) {
        match self.search.current() {
            Some(byte) => self.view.reveal_byte(byte),
            None => self.view.restore(self.search.origin()),
        }
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        if !self.search.has_query() {
            self.message = Some("no search yet: / searches".to_owned());
            return;
        }
        let step = self.search.step(forward, self.view.top_byte());
        self.stepped(forward, step);
    }

    /// Shows where `n` or `N` went: the match, a notice when it wrapped round, or why it did
    /// not move.
    pub(super) fn stepped(&mut self, forward: bool, step: Option<Step>) {
        match step {
            Some(Step::Queued) => self.message = Some(self.search.describe_empty()),
            Some(step) => {
                if step == Step::Wrapped {
                    let notice = if forward {
                        "search hit the end, continued from the top"
                    } else {
                        "search hit the top, continued from the end"
                    };
                    self.message = Some(notice.to_owned());
                }
                self.follow_search();
            }
            None => self.message = Some(self.search.describe_empty()),
        }
    }
}
