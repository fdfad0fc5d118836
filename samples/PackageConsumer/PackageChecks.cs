using System.IO.Compression;
using System.Reflection.Metadata;
using System.Xml.Linq;

/// <summary>Checks the package files themselves (docs/embedding.md "Packages"): each library package has its
/// metadata, exactly the dependencies it needs, its README, its XML docs, and a symbols package whose PDB embeds
/// every source file. Prints one listing line per package.</summary>
internal static class PackageChecks
{
    /// <summary>The library packages and the dependencies each may have; null = not pinned here (checked only for
    /// what no package may depend on).</summary>
    private static readonly Dictionary<string, string[]?> Libraries = new()
    {
        ["SocialCapital.Engine"] = ["CsvHelper", "MathNet.Numerics", "Microsoft.Extensions.ObjectPool", "QuikGraph", "System.IO.Hashing"],
        ["SocialCapital.Sqlite"] = ["Microsoft.Data.Sqlite", "SQLitePCLRaw.bundle_e_sqlite3", "SQLitePCLRaw.core", "SocialCapital.Engine"],
        ["SocialCapital.Neo4j"] = null,
        ["SocialCapital.Postgres"] = ["Npgsql", "SocialCapital.Engine"],
    };

    /// <summary>No library package may pull these in: a web framework, build-time analyzers, test frameworks.</summary>
    private static readonly string[] Forbidden = ["Microsoft.AspNetCore", "Microsoft.CodeAnalysis", "xunit", "FsCheck", "Microsoft.NET.Test.Sdk"];

    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
    private static readonly Guid SourceLink = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    public static void Run(string folder, string version, Checks check)
    {
        foreach (var (id, allowed) in Libraries)
        {
            var nupkg = Path.Combine(folder, $"{id}.{version}.nupkg");
            if (!File.Exists(nupkg))
            {
                // The store packages other than SQLite are optional here; the engine and SQLite are not.
                check.That(allowed is null, $"{Path.GetFileName(nupkg)} is in {folder}");
                continue;
            }
            CheckPackage(id, version, nupkg, allowed, check);
            CheckSymbols(id, Path.ChangeExtension(nupkg, ".snupkg"), check);
        }
    }

    private static void CheckPackage(string id, string version, string nupkg, string[]? allowed, Checks check)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        XNamespace ns = "";
        XElement metadata;
        using (var nuspec = zip.GetEntry($"{id}.nuspec")!.Open())
        {
            var root = XDocument.Load(nuspec).Root!;
            ns = root.Name.Namespace;
            metadata = root.Element(ns + "metadata")!;
        }
        string? Get(string name) => metadata.Element(ns + name)?.Value;

        check.That(Get("id") == id && Get("version") == version, $"{id}: id and version {version} in the nuspec");
        foreach (var name in new[] { "authors", "description", "tags", "projectUrl", "copyright" })
            check.That(!string.IsNullOrWhiteSpace(Get(name)), $"{id}: the nuspec has {name}");
        var license = metadata.Element(ns + "license");
        check.That(license?.Attribute("type")?.Value == "expression" && license.Value == "MIT", $"{id}: license expression MIT");
        check.That(metadata.Element(ns + "repository")?.Attribute("url")?.Value is { Length: > 0 }, $"{id}: the nuspec names the repository");
        check.That(Get("readme") == "README.md" && entries.Contains("README.md"), $"{id}: the package README is packed at the root");
        check.That(entries.Contains($"lib/net10.0/{id}.dll"), $"{id}: lib/net10.0/{id}.dll");
        check.That(entries.Contains($"lib/net10.0/{id}.xml"), $"{id}: XML docs (lib/net10.0/{id}.xml)");
        check.That(!entries.Any(e => e.EndsWith(".pdb", StringComparison.Ordinal)), $"{id}: no PDB in the package (it is in the .snupkg)");
        if (entries.Contains($"lib/net10.0/{id}.xml"))
        {
            using var xml = zip.GetEntry($"lib/net10.0/{id}.xml")!.Open();
            var members = XDocument.Load(xml).Root!.Element("members")!.Elements("member").Count();
            check.That(members > 0, $"{id}: the XML docs document members ({members})");
        }

        var dependencies = metadata.Descendants(ns + "dependency")
            .Select(d => d.Attribute("id")!.Value)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (allowed is not null)
            check.That(dependencies.SequenceEqual(allowed.Order(StringComparer.Ordinal)),
                $"{id}: depends on exactly {string.Join(", ", allowed)} (it depends on {string.Join(", ", dependencies)})");
        foreach (var dependency in dependencies)
            check.That(!Forbidden.Any(f => dependency.StartsWith(f, StringComparison.OrdinalIgnoreCase)), $"{id}: must not depend on {dependency}");
        check.That(id == "SocialCapital.Engine" ? !dependencies.Any(d => d.StartsWith("SocialCapital.", StringComparison.Ordinal))
            : dependencies.Contains("SocialCapital.Engine"), $"{id}: the stores depend on the engine, never the reverse");

        var groups = metadata.Descendants(ns + "dependency")
            .Select(d => $"{d.Attribute("id")!.Value} {d.Attribute("version")!.Value}");
        Console.WriteLine($"package {Path.GetFileName(nupkg)} ({new FileInfo(nupkg).Length / 1024} KiB): {string.Join(", ", groups)}");
    }

    private static void CheckSymbols(string id, string snupkg, Checks check)
    {
        check.That(File.Exists(snupkg), $"{id}: the symbols package {Path.GetFileName(snupkg)} is beside it");
        if (!File.Exists(snupkg)) return;
        using var zip = ZipFile.OpenRead(snupkg);
        var entry = zip.GetEntry($"lib/net10.0/{id}.pdb");
        check.That(entry is not null, $"{id}: the symbols package has lib/net10.0/{id}.pdb");
        if (entry is null) return;

        using var pdb = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(pdb);
        pdb.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        int documents = 0, embedded = 0;
        foreach (var document in reader.Documents)
        {
            documents++;
            if (reader.GetCustomDebugInformation(document).Any(h => reader.GetGuid(reader.GetCustomDebugInformation(h).Kind) == EmbeddedSource))
                embedded++;
        }
        check.That(documents > 0 && embedded == documents, $"{id}: the PDB embeds every source file ({embedded} of {documents})");
        var sourceLink = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
            .Select(h => reader.GetCustomDebugInformation(h))
            .Where(c => reader.GetGuid(c.Kind) == SourceLink)
            .Select(c => System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
            .FirstOrDefault();
        // Source Link needs a clone whose origin is a hosted Git service; the embedded sources do not.
        Console.WriteLine($"symbols {Path.GetFileName(snupkg)} ({new FileInfo(snupkg).Length / 1024} KiB): portable PDB, "
            + $"{embedded} of {documents} sources embedded; Source Link: {sourceLink ?? "none (no hosted origin remote)"}");
    }
}
