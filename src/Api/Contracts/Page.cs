namespace SocialCapital.Api.Contracts;

/// <summary>One page of a list.</summary>
/// <param name="Items">The items on this page.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Items per page.</param>
/// <param name="Total">Items on all pages.</param>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    internal const int DefaultSize = 50;
    internal const int MaxSize = 1000;

    /// <summary>Cuts one page out of <paramref name="all"/>; the paging arguments are checked first.</summary>
    internal static Paged<T> Of(IReadOnlyList<T> all, int? page, int? pageSize)
    {
        var (number, size) = Paging.Check(page, pageSize);
        var skip = (long)(number - 1) * size;
        var items = skip >= all.Count ? [] : all.Skip((int)skip).Take(size).ToArray();
        return new Paged<T>(items, number, size, all.Count);
    }
}

/// <summary>Checks paging arguments.</summary>
internal static class Paging
{
    public static (int Page, int PageSize) Check(int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        if (page is < 1) errors.Add("page", "page must be 1 or more.");
        if (pageSize is < 1 or > Paged<object>.MaxSize) errors.Add("pageSize", $"pageSize must be from 1 to {Paged<object>.MaxSize}.");
        errors.ThrowIfAny();
        return (page ?? 1, pageSize ?? Paged<object>.DefaultSize);
    }
}
