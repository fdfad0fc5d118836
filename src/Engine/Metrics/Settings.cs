using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>Measures of a setting (an area's residents or a peer group's members) as Chetty et al. 2022
/// define them for counties, schools and groups: exposure and friending bias.</summary>
internal static class Settings
{
    /// <summary>2 × the high-SES share of the members with known SES; NaN when none is known.</summary>
    public static double Exposure(IReadOnlyList<int> members, Paged<double> ses)
    {
        var (known, high) = SesCounts(members, ses);
        return TwiceHighShare(known, high);
    }

    /// <summary>2 × the high-SES share of <paramref name="known"/> people with known SES, <paramref name="high"/> of
    /// them high: a setting's exposure over its members, a person's economic connectedness over their contacts.
    /// NaN when none is known.</summary>
    public static double TwiceHighShare(int known, int high) => known > 0 ? 2.0 * high / known : double.NaN;

    /// <summary>Mean over low-SES members i of 1 − h_i / s_i: h_i the high-SES share of i's contacts who are
    /// members with known SES, s_i the high-SES share of the other members with known SES. Members for whom
    /// either share is undefined (or s_i = 0) are left out; NaN when none is left.</summary>
    public static double FriendingBias(SocialGraph graph, IReadOnlyList<int> members, Func<int, bool> isMember) =>
        FriendingBias(graph, members, members, isMember);

    /// <summary>Friending bias of some of a setting's members (a breakdown cell of an area): the mean over the low-SES
    /// people of <paramref name="people"/> of 1 − h_i / s_i, with h_i over i's contacts in the setting and s_i the
    /// high-SES share of the setting's other members (<paramref name="pool"/>, each of whom <paramref name="isMember"/>
    /// holds for), as <see cref="FriendingBias(SocialGraph, IReadOnlyList{int}, Func{int, bool})"/> over the whole setting.</summary>
    public static double FriendingBias(SocialGraph graph, IReadOnlyList<int> people, IReadOnlyList<int> pool, Func<int, bool> isMember)
    {
        var ses = graph.Nodes.Ses;
        var (known, high) = SesCounts(pool, ses);
        double sum = 0;
        var count = 0;
        foreach (var i in people)
        {
            if (!(ses[i] < 0.5) || known < 2) continue; // low SES only (NaN compares false)
            var others = (double)high / (known - 1);
            if (others <= 0) continue;
            int contactsKnown = 0, contactsHigh = 0;
            foreach (var v in graph.Neighbors(i))
            {
                if (double.IsNaN(ses[v]) || !isMember(v)) continue;
                contactsKnown++;
                if (ses[v] >= 0.5) contactsHigh++;
            }
            if (contactsKnown == 0) continue;
            sum += 1 - (double)contactsHigh / contactsKnown / others;
            count++;
        }
        return count > 0 ? sum / count : double.NaN;
    }

    private static (int Known, int High) SesCounts(IReadOnlyList<int> members, Paged<double> ses)
    {
        int known = 0, high = 0;
        foreach (var m in members)
        {
            if (double.IsNaN(ses[m])) continue;
            known++;
            if (ses[m] >= 0.5) high++;
        }
        return (known, high);
    }
}
