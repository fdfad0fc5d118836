using System.Text;

namespace SocialCapital.Cli;

/// <summary>Reads the files commands take besides a dataset folder (proposed ties, assignments, suggestion lists) as
/// strict UTF-8, like the dataset reader: text in another encoding is an error naming the file, never a guess.</summary>
internal static class Utf8Files
{
    /// <summary>Opens <paramref name="file"/> and hands it to <paramref name="read"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidInputException">The file is not UTF-8 text.</exception>
    public static T Read<T>(FileInfo file, Func<TextReader, T> read)
    {
        if (!file.Exists) throw new FileNotFoundException($"File '{file.FullName}' does not exist.", file.FullName);
        using var reader = new StreamReader(file.FullName, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            return read(reader);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidInputException($"{file.Name} is not UTF-8 text: save the file as UTF-8.");
        }
    }
}
