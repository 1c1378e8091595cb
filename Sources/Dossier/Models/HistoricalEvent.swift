/// Something that happened: "ketamine gained popularity as a battlefield anesthetic during the
/// Vietnam War".
public struct HistoricalEvent: ContentRecord {
    /// The shared record fields.
    public var info: RecordInfo
    /// When it happened, as the sources give it.
    public var date: EventDate
    /// Where it happened, in words, if the sources say.
    public var place: String?

    /// Creates an event.
    public init(_ info: RecordInfo, date: EventDate, place: String? = nil) {
        self.info = info
        self.date = date
        self.place = place
    }
}
