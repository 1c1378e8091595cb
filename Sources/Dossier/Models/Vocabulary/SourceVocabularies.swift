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

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .webArticle: "A web page or blog post."
        case .newsArticle: "A news report."
        case .review: "A narrative review article."
        case .systematicReview: "A systematic review or meta-analysis."
        case .trial: "A report of a clinical trial."
        case .observationalStudy: "A cohort, case-control or cross-sectional study."
        case .caseReport: "A case report or series."
        case .drugLabel: "A drug's official label."
        case .guideline: "A clinical practice guideline."
        case .book: "A book."
        case .other: "Anything else."
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

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .injectedText: "Text that does not belong to the sentence: advertising or link text inserted by a scraper."
        case .corruptedWord: "A word that lost or garbled letters; `intended` holds the word meant."
        case .other: "Any other damage, described in the note."
        }
    }
}
