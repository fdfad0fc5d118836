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

    /// <summary>Cuts one page out of <paramref name="all"/>; the paging arguments come from <see cref="Paging.Check"/>.</summary>
    internal static Paged<T> Of(IReadOnlyList<T> all, (int Page, int PageSize) paging)
    {
        var (number, size) = paging;
        var skip = (long)(number - 1) * size;
        var items = skip >= all.Count ? [] : all.Skip((int)skip).Take(size).ToArray();
        return new Paged<T>(items, number, size, all.Count);
    }
}

/// <summary>Checks paging arguments.</summary>
internal static class Paging
{
    /// <summary>The page and its size (defaults 1 and 50); a bad value is added to <paramref name="errors"/>.</summary>
    public static (int Page, int PageSize) Check(int? page, int? pageSize, FieldErrors errors)
    {
        if (page is < 1) errors.Add("page", "page must be 1 or more.");
        if (pageSize is < 1 or > Paged<object>.MaxSize) errors.Add("pageSize", $"pageSize must be from 1 to {Paged<object>.MaxSize}.");
        return (page ?? 1, pageSize ?? Paged<object>.DefaultSize);
    }
}
