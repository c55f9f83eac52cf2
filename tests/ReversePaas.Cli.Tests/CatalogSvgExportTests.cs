using System.Globalization;
using System.Xml.Linq;
using ReversePaas.CapabilityCatalog;
using ReversePaas.Cli.Tests.Support;

namespace ReversePaas.Cli.Tests;

/// <summary>
/// <c>catalog export --format svg</c>: one SVG per identity map, drawn in C#. Parsed as XML, each holds the identity,
/// every point and every serving extension with its plugin as <c>&lt;text&gt;</c>, and its <c>viewBox</c> contains
/// every box drawn.
/// </summary>
public sealed class CatalogSvgExportTests(ExportedCatalog export) : IClassFixture<ExportedCatalog>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_svg_of_retail_pop_names_its_points_and_the_merchant_review_with_its_plugin()
    {
        export.Run.ExitCode.Should().Be(ExitCodes.Success, export.Run.ToString());
        var svg = Load("retail.pop");

        var texts = Texts(svg);
        texts.Should().Contain(["retail.pop", "review.router", "retail-pop.merchant-review", "plugin retail-pop", "Application", "Execution"]);
        var router = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "point" && g.Elements(Svg + "text").First().Value == "review.router");
        router.Elements(Svg + "text").Last().Value.Should().Be("single · Declared");
    }

    [Fact]
    public void Every_identity_has_an_svg_with_each_resolution_and_a_view_box_around_everything()
    {
        foreach (var identity in export.Catalog.Identities)
        {
            var svg = Load(identity.Identity);
            var texts = Texts(svg);
            texts.Should().Contain(identity.Identity);
            foreach (var resolution in identity.Resolutions)
            {
                texts.Should().Contain(resolution.Point, $"{identity.Identity}: {resolution.Point} is drawn");
                foreach (var extension in resolution.Extensions)
                {
                    texts.Should().Contain(extension, $"{identity.Identity}: {extension} serves {resolution.Point}");
                    texts.Should().Contain("plugin " + export.Catalog.Extensions.First(e => e.Id == extension).Plugin);
                }
            }

            var points = svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "point");
            points.Should().Be(identity.Resolutions.Count, $"{identity.Identity}: one box per point");
            var extensions = svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "extension");
            extensions.Should().Be(identity.Resolutions.Sum(r => r.Extensions.Count));

            var box = ((string)svg.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            box[..2].Should().Equal(0, 0);
            foreach (var rect in svg.Descendants(Svg + "rect").Where(r => r.Attribute("x") is not null))
            {
                (Number(rect, "x") + Number(rect, "width")).Should().BeLessThanOrEqualTo(box[2], $"{identity.Identity}: boxes fit the width");
                (Number(rect, "y") + Number(rect, "height")).Should().BeLessThanOrEqualTo(box[3], $"{identity.Identity}: boxes fit the height");
            }
        }
    }

    [Fact]
    public void The_same_catalog_draws_the_same_svg_and_names_are_escaped()
    {
        var pop = export.Catalog.FindIdentity("retail.pop")!;
        CatalogSvg.Render(export.Catalog, pop).Should().Be(export.Map("retail.pop", ".svg"), "the layout is deterministic");

        var hostile = pop with { Identity = "a<b>&\"c\u0001" };
        var svg = XElement.Parse(CatalogSvg.Render(export.Catalog, hostile));
        Texts(svg).Should().Contain("a<b>&\"c\uFFFD", "markup characters are escaped and a control character replaced");
    }

    private XElement Load(string identity)
    {
        var text = export.Map(identity, ".svg");
        var document = XDocument.Parse(text);
        document.Root!.Name.Should().Be(Svg + "svg");
        return document.Root;
    }

    private static List<string> Texts(XElement svg) => [.. svg.Descendants(Svg + "text").Select(t => t.Value)];

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
