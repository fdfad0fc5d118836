namespace SocialCapital.Model;

/// <summary>How long a person has been out of work, in the bands the evidence model controls for and the generator plants
/// its effect with (Model, so both stages read the one rule).</summary>
internal static class OutOfWorkSpell
{
    /// <summary>The bands of time out of work at the start, in whole months: 0-5, 6-11, 12-23, 24+.</summary>
    public static IReadOnlyList<string> Bands { get; } = ["0-5", "6-11", "12-23", "24+"];

    /// <summary>The band of time out of work on <paramref name="day"/> (an index of <see cref="Bands"/>), from a
    /// person's employment changes in date order: the spell began with the first of the changes to out of work that run,
    /// unbroken, to the last change on or before the day. When that is the person's first change the spell may have begun
    /// earlier, so the band is known only if it is already the last. -1 when unknown or not out of work on the day. The one
    /// place the band is computed: the evidence model's control and the generator's planted effect.</summary>
    public static int Band<T>(IReadOnlyList<T> changes, Func<T, DateOnly> date, Func<T, Employment> status, DateOnly day)
    {
        var last = -1;
        for (var i = 0; i < changes.Count && date(changes[i]) <= day; i++) last = i;
        if (last < 0 || status(changes[last]).ToWorkStatus() != WorkStatus.OutOfWork) return -1;
        var first = last;
        while (first > 0 && status(changes[first - 1]).ToWorkStatus() == WorkStatus.OutOfWork) first--;
        var began = date(changes[first]);
        var months = (day.Year - began.Year) * 12 + day.Month - began.Month - (day.Day < began.Day ? 1 : 0);
        var band = months < 6 ? 0 : months < 12 ? 1 : months < 24 ? 2 : 3;
        return first == 0 && band < 3 ? -1 : band;
    }
}
