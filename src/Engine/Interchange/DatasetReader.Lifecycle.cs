using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

// The rows of proposals.csv, status_history.csv and contacts.csv: small files, parsed into records; their rules are RecordValidator's.
public static partial class DatasetReader
{
    private static readonly string[] ProposalRequired = ["id", "citizen", "mentor", "status", "proposed", "expires"];

    private static readonly string[] StatusRequired = ["person", "date", "employment"];

    /// <summary>Reads the proposal rows; null when the header is unusable.</summary>
    private static List<ProposalRecord>? ReadProposals(CsvReader parser, string file, List<int> lines, ProblemCollector problems)
    {
        if (Header(parser, file, ProposalRequired, problems, NodeColumns.ProposalColumns) is not { } columns) return null;
        int Col(string name) => columns.TryGetValue(name, out var i) ? i : -1;
        int id = Col("id"), citizen = Col("citizen"), mentor = Col("mentor"), proposedBy = Col("proposed_by"), status = Col("status"),
            proposed = Col("proposed"), expires = Col("expires"), decided = Col("decided"), reason = Col("reason");
        var width = columns.Count;
        var proposals = new List<ProposalRecord>();
        while (Next(parser, file, problems, out _))
        {
            if (!HasWidth(parser, width, file, problems)) continue;
            var line = (int)parser.LineNumber;
            var before = problems.Count;
            var statusText = parser.GetString(status);
            if (!WireNames.TryParseProposalStatus(statusText, out var proposalStatus))
                problems.Add(file, line, "status", statusText, statusText.Length == 0
                    ? $"status is required (one of {string.Join(", ", WireNames.ProposalStatusNames)})"
                    : $"unknown proposal status (expected one of {string.Join(", ", WireNames.ProposalStatusNames)})");
            var from = DateCell(parser, proposed, "proposed", file, problems, required: true);
            var to = DateCell(parser, expires, "expires", file, problems, required: true);
            var on = DateCell(parser, decided, "decided", file, problems);
            if (problems.Count > before) continue;
            proposals.Add(new ProposalRecord(parser.GetString(id), parser.GetString(citizen), parser.GetString(mentor), from!.Value, to!.Value)
            {
                ProposedBy = TextCell(parser, proposedBy),
                Status = proposalStatus,
                Decided = on,
                Reason = TextCell(parser, reason),
            });
            lines.Add(line);
        }
        return proposals;
    }

    private static readonly string[] ContactRequired = ["coach", "citizen", "date", "channel"];

    /// <summary>Reads the contact rows; null when the header is unusable.</summary>
    private static List<ContactRecord>? ReadContacts(CsvReader parser, string file, List<int> lines, ProblemCollector problems)
    {
        if (Header(parser, file, ContactRequired, problems, NodeColumns.ContactColumns) is not { } columns) return null;
        int coach = columns["coach"], citizen = columns["citizen"], date = columns["date"], channel = columns["channel"];
        var width = columns.Count;
        var contacts = new List<ContactRecord>();
        var channels = string.Join(", ", WireNames.ContactChannelNames);
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        while (Next(parser, file, problems, out _))
        {
            if (!HasWidth(parser, width, file, problems)) continue;
            var line = (int)parser.LineNumber;
            var before = problems.Count;
            var on = DateCell(parser, date, "date", file, problems, required: true);
            var channelText = parser.GetString(channel);
            var how = ContactChannel.InPerson;
            if (channelText.Length == 0)
                problems.Add(file, line, "channel", null, $"channel is required (one of {channels})");
            else if (!WireNames.TryParseContactChannel(channelText, out how))
                problems.Add(file, line, "channel", channelText, $"unknown contact channel (expected one of {channels})");
            if (problems.Count > before) continue;
            contacts.Add(new ContactRecord(Intern(parser.GetString(coach), interned), Intern(parser.GetString(citizen), interned), on!.Value, how));
            lines.Add(line);
        }
        return contacts;
    }

    /// <summary>Reads the employment change rows; null when the header is unusable.</summary>
    private static List<StatusChange>? ReadStatusHistory(CsvReader parser, string file, List<int> lines, ProblemCollector problems)
    {
        if (Header(parser, file, StatusRequired, problems, NodeColumns.StatusHistoryColumns) is not { } columns) return null;
        int person = columns["person"], date = columns["date"], employment = columns["employment"];
        var width = columns.Count;
        var history = new List<StatusChange>();
        var employments = string.Join(", ", WireNames.EmploymentNames.Skip(1));
        while (Next(parser, file, problems, out _))
        {
            if (!HasWidth(parser, width, file, problems)) continue;
            var line = (int)parser.LineNumber;
            var before = problems.Count;
            var on = DateCell(parser, date, "date", file, problems, required: true);
            var employmentText = parser.GetString(employment);
            var status = Employment.Unknown;
            if (employmentText.Length == 0)
                problems.Add(file, line, "employment", null, $"employment is required (one of {employments})");
            else if (!WireNames.TryParseEmployment(employmentText, out status))
                problems.Add(file, line, "employment", employmentText, $"unknown value (expected one of {employments})");
            if (problems.Count > before) continue;
            history.Add(new StatusChange(parser.GetString(person), on!.Value, status));
            lines.Add(line);
        }
        return history;
    }
}
