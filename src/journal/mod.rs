//! The journal: its model, and loading it from the files a mentee writes.

pub mod controls;
pub mod convert;
pub mod drafts;
pub mod front;
pub mod frontmatter;
pub mod links;
pub mod listing;
pub mod load;
pub mod model;
pub mod privacy;
pub mod syntax;
pub mod tags;
pub mod wording;
pub mod yaml;

pub use load::{Loaded, load};
pub use model::*;
pub use privacy::PrivateLedger;
