using System.CommandLine;

namespace SocialCapital.Cli.Output;

/// <summary>Sends rows where the command line asks: <c>--out FILE</c> or standard output, in <c>--format</c>.</summary>
internal static class Printer
{
    public static void Print<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, ParseResult parse, CommonOptions common)
    {
        var format = common.OutputFormat(parse);
        if (parse.GetValue(common.Out) is { } file) RowWriter.WriteFile(rows, columns, format, file.FullName);
        else
        {
            var stdout = new StreamWriter(System.Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            RowWriter.Write(rows, columns, format, stdout);
            stdout.Flush();
        }
    }
}
