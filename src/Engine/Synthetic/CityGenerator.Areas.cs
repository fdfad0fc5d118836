using System.Globalization;
using SocialCapital.Interchange;

namespace SocialCapital.Synthetic;

public static partial class CityGenerator
{
    /// <summary>The side of a synthetic area's square, in degrees.</summary>
    private const double CellDegrees = 0.02;

    /// <summary>The area codes of a city of <paramref name="areas"/> areas: A1, A2, … (zero-padded to the same width).</summary>
    internal static string[] AreaCodes(int areas)
    {
        var format = "D" + areas.ToString(CultureInfo.InvariantCulture).Length;
        return [.. Enumerable.Range(1, areas).Select(a => "A" + a.ToString(format, CultureInfo.InvariantCulture))];
    }

    /// <summary>The synthetic areas' boundaries (<c>areas.geojson</c>): a grid of squares 0.02° wide, ⌈√A⌉ to a row, in
    /// code order from the north-west corner, starting at 0°E 0°N — made-up coordinates of no real place, so a map can draw
    /// the areas. They depend only on the number of areas, not on the seed.</summary>
    internal static AreaBoundaries Boundaries(int areas)
    {
        var codes = AreaCodes(areas);
        var columns = (int)Math.Ceiling(Math.Sqrt(areas));
        var rows = (areas + columns - 1) / columns;
        return AreaBoundaries.Create(codes.Select((code, i) =>
        {
            // Rounded so that the file has short, exact-looking numbers (0.06, not 0.060000000000000005).
            double X(int column) => Math.Round(column * CellDegrees, 6);
            double Y(int row) => Math.Round((rows - row) * CellDegrees, 6);
            var (r, c) = (i / columns, i % columns);
            IReadOnlyList<GeoPoint> ring =
                [new(X(c), Y(r + 1)), new(X(c + 1), Y(r + 1)), new(X(c + 1), Y(r)), new(X(c), Y(r)), new(X(c), Y(r + 1))]; // anticlockwise (RFC 7946)
            return new AreaBoundary(code, [[ring]]);
        }));
    }
}
