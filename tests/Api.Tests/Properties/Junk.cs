using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace SocialCapital.Api.Tests.Properties;

/// <summary>A request body: the bytes (as text) and the content type it claims, or a well-formed multipart form.</summary>
/// <param name="ContentType">The claimed content type; null for none.</param>
/// <param name="Text">The body.</param>
/// <param name="FormFiles">For a multipart form built by the client: the files (name, content); Text is then unused.</param>
public sealed record JunkBody(string? ContentType, string Text, IReadOnlyList<(string Name, string Content)>? FormFiles = null)
{
    public HttpContent ToContent()
    {
        if (FormFiles is not null)
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, content) in FormFiles) form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), name, name + ".csv");
            return form;
        }
        var bytes = new ByteArrayContent(Encoding.UTF8.GetBytes(Text));
        if (ContentType is not null) bytes.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        return bytes;
    }

    public override string ToString() => FormFiles is null
        ? $"[{ContentType ?? "no content type"}] {Text}"
        : "[multipart] " + string.Join(" | ", FormFiles.Select(f => $"{f.Name}: {f.Content}"));
}

/// <summary>Generators of junk: random and tricky strings, random JSON (valid or not) whose objects use the API's own
/// field names as often as random ones, CSV files of junk cells.</summary>
internal static class Junk
{
    /// <summary>Every field name some request body has.</summary>
    private static readonly string[] Fields =
    [
        "id", "kind", "area", "employment", "ageBand", "sector", "ses", "languages", "skills", "goals", "capacity", "attributes",
        "source", "target", "strength", "since", "until", "nodes", "ties", "assignment", "citizen", "mentor", "effect", "baseline",
        "citizens", "maxPerCitizen", "anyArea", "need", "candidatesPerCitizen", "Kind", "KIND", "",
    ];

    /// <summary>Values that mean something to the API (ids of the toy, kinds, dates, bands), so junk is often nearly valid.</summary>
    private static readonly string[] Meaningful =
    [
        "0", "1", "2", "7", "11", "citizen", "mentor", "coach", "employer", "peer_group", "friend", "family", "mentoring", "membership",
        "employment", "employed", "unemployed", "16-24", "65+", "A", "B", "C", "2026-01-01", "2020-02-30", "9999-12-31", "none",
        "fewest_bridging_ties", "true", "false",
    ];

    private static readonly string[] Tricky =
    [
        "", " ", "  padded  ", "null", "\0", "\u202e", "😀", "é", "%", "%00", "%2F", "../", "..", ".", "a/b", "?x=1", "#", "\\", "'", "\"",
        "<script>", "{", "}", "[", "]", "{}", "[]", "\r\n", "\t", "1e400", "-1", "NaN", "Infinity", "-0", "0x10", new string('x', 70),
        new string('9', 40), "a,b", "a;b", "\"quoted\"",
    ];

    private static readonly string[] RawNumbers =
    [
        "0", "-1", "1", "0.5", "1.5", "-0", "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "2147483648", "-2147483649",
        "3.14", "1E2", "00", "+1", ".5", "1.", "NaN", "Infinity",
    ];

    public static Gen<char> Char => Gen.Frequency(
        (8, Gen.Choose(32, 126).Select(i => (char)i)),
        (1, Gen.Choose(0, 31).Select(i => (char)i)),
        (2, Gen.Choose(0x80, 0xD7FF).Select(i => (char)i)),
        (1, Gen.Choose(0xE000, 0xFFFD).Select(i => (char)i)));

    public static Gen<string> RandomString => Gen.Choose(0, 20).SelectMany(n => Char.ArrayOf(n)).Select(cs => new string(cs));

    /// <summary>A random, tricky or meaningful string.</summary>
    public static Gen<string> Text => Gen.Frequency((3, RandomString), (2, Gen.Elements(Tricky)), (3, Gen.Elements(Meaningful)));

    /// <summary>Random JSON text: mostly valid, sometimes not (raw junk numbers, truncation).</summary>
    public static Gen<string> Json => Gen.Sized(size => JsonOf(Math.Min(3, 1 + (size / 30))));

    /// <summary>A random JSON object whose members are mostly the API's field names.</summary>
    public static Gen<string> JsonObject => Gen.Sized(size => ObjectOf(Math.Min(3, 1 + (size / 30))));

    /// <summary>Any body: raw junk text in a JSON or other content type, random JSON values, random objects, cut-off JSON.</summary>
    public static Gen<JunkBody> JsonBody => Gen.Frequency(
        (1, Text.Select(t => new JunkBody("application/json", t))),
        (3, Json.Select(t => new JunkBody("application/json", t))),
        (5, JsonObject.Select(t => new JunkBody("application/json", t))),
        (1, JsonObject.SelectMany(t => Gen.Choose(0, Math.Max(0, t.Length - 1)).Select(n => new JunkBody("application/json", t[..n])))),
        (1, Gen.Zip(Gen.Elements<string?>("text/plain", "application/xml", "application/json; charset=latin1", "application/merge-patch+json", null), JsonObject)
            .Select(p => new JunkBody(p.Item1, p.Item2))));

    /// <summary>Import bodies built by the client: a well-formed multipart form whose files hold junk CSV, or JSON.</summary>
    public static Gen<JunkBody> ImportBody => Gen.Frequency(
        (3, JsonBody),
        (2, ShapedImport.Select(t => new JunkBody("application/json", t))),
        (3, Gen.Zip(Csv, Csv).SelectMany(files => Gen.Elements(0, 1, 2, 3).Select(which => new JunkBody("multipart/form-data", "",
            which switch
            {
                0 => [("nodes", files.Item1), ("ties", files.Item2)],
                1 => [("nodes", files.Item1)],
                2 => [("ties", files.Item2), ("nodes", files.Item1), ("extra", files.Item2)],
                _ => [("nodes", "id,kind\n0,citizen\n1,citizen\n"), ("ties", files.Item2)],
            })))));

    /// <summary>Raw junk bytes under any content type an import might claim (multipart with or without a boundary too).</summary>
    public static Gen<JunkBody> RawImportBody => Gen.Zip(
            Gen.Elements<string?>("multipart/form-data; boundary=junk", "multipart/form-data", "multipart/form-data; boundary=\"\"",
                "application/json", "text/csv", "application/x-www-form-urlencoded", null),
            Gen.Frequency((2, Text), (1, Csv), (1, Text.Select(t => $"--junk\r\nContent-Disposition: form-data; name=\"nodes\"; filename=\"n.csv\"\r\n\r\n{t}"))))
        .Select(p => new JunkBody(p.Item1, p.Item2));

    /// <summary>A CSV file of junk: sometimes with a proper header, rows of random cells.</summary>
    public static Gen<string> Csv =>
        Gen.Zip(
                Gen.Elements("id,kind", "id,kind,area,ses", "source,target,kind", "source,target,kind,strength,since,until", "", "id", "kind,id,kind"),
                Gen.Choose(0, 5).SelectMany(rows => Gen.Choose(1, 5).SelectMany(cells => Text.ArrayOf(cells)).ArrayOf(rows)))
            .Select(p => p.Item1 + "\n" + string.Join("\n", p.Item2.Select(r => string.Join(",", r))));

    /// <summary>A value for a path segment or query value, escaped as a client would. Without NUL: the in-process
    /// test server refuses a path holding one before the API sees it (Kestrel answers 400; see ApiProcessTests).</summary>
    public static Gen<string> Escaped => Text.Select(t => Uri.EscapeDataString(t.Replace("\0", "", StringComparison.Ordinal)));

    /// <summary>An import with the right shape and junk inside: nodes and ties arrays of random objects.</summary>
    private static Gen<string> ShapedImport =>
        Gen.Zip(ObjectOf(1).ArrayOf(), ObjectOf(1).ArrayOf()).Select(p => $"{{\"nodes\":[{string.Join(",", p.Item1)}],\"ties\":[{string.Join(",", p.Item2)}]}}");

    private static Gen<string> Leaf => Gen.Frequency(
        (1, Gen.Elements("null", "true", "false")),
        (1, Gen.Elements(RawNumbers)),
        (1, Gen.Choose(-1000, 1000).Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (3, Text.Select(t => JsonSerializer.Serialize(t))));

    private static Gen<string> JsonOf(int depth) => depth <= 0
        ? Leaf
        : Gen.Frequency((3, Leaf), (2, ArrayOf(depth)), (3, ObjectOf(depth)));

    private static Gen<string> ArrayOf(int depth) =>
        Gen.Choose(0, 4).SelectMany(n => JsonOf(depth - 1).ArrayOf(n)).Select(items => "[" + string.Join(",", items) + "]");

    private static Gen<string> ObjectOf(int depth) =>
        Gen.Choose(0, 6).SelectMany(n => Member(depth).ArrayOf(n)).Select(members => "{" + string.Join(",", members) + "}");

    private static Gen<string> Member(int depth) =>
        Gen.Zip(Gen.Frequency((4, Gen.Elements(Fields)), (1, Text)), Gen.Frequency((3, Leaf), (1, JsonOf(depth - 1))))
            .Select(p => JsonSerializer.Serialize(p.Item1) + ":" + p.Item2);
}
