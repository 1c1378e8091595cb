/// What kind of document a source is.
public enum SourceKind: String, Vocabulary {
    /// A web page or blog post.
    case webArticle = "web_article"
    /// A news report.
    case newsArticle = "news_article"
    /// A narrative review article.
    case review
    /// A systematic review or meta-analysis.
    case systematicReview = "systematic_review"
    /// A report of a clinical trial.
    case trial
    /// A cohort, case-control or cross-sectional study.
    case observationalStudy = "observational_study"
    /// A case report or series.
    case caseReport = "case_report"
    /// A drug's official label.
    case drugLabel = "drug_label"
    /// A clinical practice guideline.
    case guideline
    /// A book.
    case book
    /// Anything else.
    case other

    /// Whether the document reports a study, so that a claim citing it may carry an evidence
    /// level other than not assessed.
    public var isStudy: Bool {
        switch self {
        case .systematicReview, .trial, .observationalStudy, .caseReport: return true
        default: return false
        }
    }
}

/// The kind of damage recorded in a source's text.
public enum SourceDefectKind: String, Vocabulary {
    /// Text that does not belong to the sentence: advertising or link text inserted by a scraper.
    case injectedText = "injected_text"
    /// A word that lost or garbled letters; `intended` holds the word meant.
    case corruptedWord = "corrupted_word"
    /// Any other damage, described in the note.
    case other
}
