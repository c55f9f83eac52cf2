using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using static System.FormattableString;

namespace ReversePaas.Sdk.Tests.Docs;

/// <summary>
/// Writes docs/extension-points.md from the Sdk itself: every interface marked [ExtensionPoint] with its code,
/// activity, combine mode, description, XML documentation, members and the context types they take. Nothing is
/// hand-copied, so the reference cannot drift from the contract.
/// </summary>
internal static partial class ExtensionPointReference
{
    public static string Generate()
    {
        var sdk = typeof(ExtensionPointAttribute).Assembly;
        var docs = XDocument.Load(Path.ChangeExtension(sdk.Location, ".xml"));
        var points = sdk.GetExportedTypes()
            .Select(t => (Type: t, Point: t.GetCustomAttribute<ExtensionPointAttribute>()))
            .Where(p => p.Point is not null)
            .OrderBy(p => p.Point!.Activity).ThenBy(p => p.Point!.Code, StringComparer.Ordinal)
            .ToList();

        var text = new StringBuilder();
        text.AppendLine("# Extension points (generated)");
        text.AppendLine();
        text.AppendLine(Invariant($"Generated from ReversePaas.Sdk {SdkVersion.Text} by `tests/ReversePaas.Sdk.Tests/Docs/ExtensionPointReference.cs`; a test fails when this file"));
        text.AppendLine("and the Sdk disagree. Regenerate: `REVERSEPAAS_UPDATE_DOCS=1 dotnet test tests/ReversePaas.Sdk.Tests --filter ExtensionPointDocs`.");
        text.AppendLine("How to write a plugin: [writing-a-plugin.md](writing-a-plugin.md).");
        text.AppendLine();
        text.AppendLine("| activity | code | combine | contract | what it decides |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var (type, point) in points)
        {
            text.AppendLine(Invariant($"| {point!.Activity} | `{point.Code}` | {point.Combine} | `{type.Name}` | {point.Description} |"));
        }

        foreach (var (type, point) in points)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"## `{point!.Code}` — {type.Name}"));
            text.AppendLine();
            text.AppendLine(Invariant($"Activity **{point.Activity}**, combine **{point.Combine}**") + (point.Combine == CombineMode.Chain
                ? ": every extension of the identity runs, by priority then specificity."
                : ": one extension per identity (binding → declared for the identity or its parents → kernel default)."));
            text.AppendLine();
            text.AppendLine(Summary(docs, "T:" + type.FullName));
            text.AppendLine();
            text.AppendLine("```csharp");
            text.AppendLine(Invariant($"namespace {type.Namespace};"));
            text.AppendLine(Invariant($"[ExtensionPoint(\"{point.Code}\", Activity.{point.Activity}, CombineMode.{point.Combine})]"));
            text.AppendLine(Invariant($"public interface {type.Name}"));
            text.AppendLine("{");
            foreach (var method in type.GetMethods())
            {
                var parameters = string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}"));
                text.AppendLine(Invariant($"    {Name(method.ReturnType)} {method.Name}({parameters});"));
            }

            text.AppendLine("}");
            text.AppendLine("```");
            foreach (var method in type.GetMethods())
            {
                text.AppendLine();
                text.AppendLine(Invariant($"`{method.Name}`: {Summary(docs, MemberId(method))}"));
                foreach (var context in method.GetParameters().Select(p => p.ParameterType).Where(t => t.Assembly == sdk && t.IsClass))
                {
                    text.AppendLine();
                    text.AppendLine(Invariant($"`{context.Name}` — {Summary(docs, "T:" + context.FullName)}"));
                    text.AppendLine();
                    text.AppendLine("| property | type | meaning |");
                    text.AppendLine("|---|---|---|");
                    foreach (var property in context.GetProperties())
                    {
                        text.AppendLine(Invariant($"| `{property.Name}` | `{Name(property.PropertyType)}` | {Summary(docs, $"P:{context.FullName}.{property.Name}")} |"));
                    }
                }
            }
        }

        return text.ToString();
    }

    private static string MemberId(MethodInfo method)
        => $"M:{method.DeclaringType!.FullName}.{method.Name}({string.Join(",", method.GetParameters().Select(p => XmlTypeName(p.ParameterType)))})";

    private static string XmlTypeName(Type type)
        => type.IsGenericType
            ? $"{type.Namespace}.{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}{{{string.Join(",", type.GetGenericArguments().Select(XmlTypeName))}}}"
            : type.FullName!;

    private static string Summary(XDocument docs, string id)
    {
        var member = docs.Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == id);
        var summary = member?.Element("summary");
        if (summary is null)
        {
            return "";
        }

        var text = string.Concat(summary.Nodes().Select(n => n switch
        {
            XElement { Name.LocalName: "see" } see => $"`{ShortName((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "")}`",
            XElement { Name.LocalName: "c" } code => $"`{code.Value}`",
            XElement { Name.LocalName: "paramref" } param => $"`{(string?)param.Attribute("name")}`",
            XElement element => element.Value,
            _ => n.ToString(),
        }));
        return Whitespace().Replace(text, " ").Trim().Replace("|", "\\|", StringComparison.Ordinal);
    }

    private static string ShortName(string cref) => cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.LastIndexOf('.') + 1)..] : cref;

    private static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Name(inner) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.Name switch
            {
                "String" => "string",
                "Int32" => "int",
                "Decimal" => "decimal",
                "Boolean" => "bool",
                "Void" => "void",
                _ => type.Name,
            };
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
