namespace ReversePaas.Sdk.Tests;

public sealed class BusinessIdentityTests
{
    [Theory]
    [InlineData("retail")]
    [InlineData("retail.pop")]
    [InlineData("daojia.fresh-2")]
    [InlineData("a.b.c.d.e.f.g.h")]
    public void Valid_identities_parse_and_keep_their_text(string text)
    {
        BusinessIdentity.Parse(text).Value.Should().Be(text);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("Retail", "'R'")]
    [InlineData("retail.Pop", "'P'")]
    [InlineData("2retail", "'2'")]
    [InlineData("retail..pop", "empty segment")]
    [InlineData(".retail", "empty segment")]
    [InlineData("retail.", "ends with a dot")]
    [InlineData("retail pop", "' '")]
    [InlineData("retail.-pop", "'-'")]
    [InlineData("a.b.c.d.e.f.g.h.i", "9 segments")]
    public void Invalid_identities_are_refused_with_the_reason(string text, string reason)
    {
        BusinessIdentity.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain(reason);
        FluentActions.Invoking(() => BusinessIdentity.Parse(text)).Should().Throw<FormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Too_long_an_identity_is_refused()
    {
        var text = string.Join('.', Enumerable.Repeat(new string('a', 40), 4));

        BusinessIdentity.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain("128");
    }

    [Fact]
    public void Null_is_refused()
    {
        BusinessIdentity.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Default_is_the_root_and_the_value_of_an_uninitialised_identity()
    {
        BusinessIdentity.Parse("default").Should().Be(BusinessIdentity.Default);
        default(BusinessIdentity).IsDefault.Should().BeTrue();
        default(BusinessIdentity).Value.Should().Be("default");
        BusinessIdentity.Default.Depth.Should().Be(0);
        BusinessIdentity.Default.TryGetParent(out _).Should().BeFalse();
    }

    [Fact]
    public void The_parent_chain_ends_at_the_default()
    {
        BusinessIdentity.Parse("daojia.fresh.night").SelfAndAncestors().Select(i => i.Value).Should().Equal("daojia.fresh.night", "daojia.fresh", "daojia", "default");
        BusinessIdentity.Parse("daojia.fresh").Depth.Should().Be(2);
    }

    [Theory]
    [InlineData("retail", "retail.pop", true)]
    [InlineData("retail", "retail", true)]
    [InlineData("default", "retail.pop", true)]
    [InlineData("retail", "retailx.pop", false)]
    [InlineData("retail.pop", "retail", false)]
    [InlineData("retail.pop", "retail.popular", false)]
    public void Ancestry_is_by_whole_segments(string ancestor, string identity, bool expected)
    {
        BusinessIdentity.Parse(ancestor).IsSelfOrAncestorOf(BusinessIdentity.Parse(identity)).Should().Be(expected);
    }

    [Fact]
    public void Equality_and_hashing_are_ordinal_on_the_text()
    {
        var a = BusinessIdentity.Parse("retail.pop");
        var b = BusinessIdentity.Parse(string.Concat("retail", ".pop"));

        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a != BusinessIdentity.Parse("retail.self")).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.ToString().Should().Be("retail.pop");
    }

    [Fact]
    public void The_length_limit_is_inclusive_and_long_text_is_shortened_in_the_message()
    {
        var longest = "a" + new string('b', BusinessIdentity.MaxLength - 1);
        var tooLong = longest + "c";

        BusinessIdentity.Parse(longest).Value.Should().HaveLength(128);
        BusinessIdentity.TryParse(tooLong, out var refused, out var error).Should().BeFalse();
        refused.IsDefault.Should().BeTrue("a refused parse leaves the default");
        error.Should().Contain("longer than 128").And.Contain("…").And.NotContain(tooLong);
    }

    [Fact]
    public void The_depth_limit_is_inclusive()
    {
        var eight = BusinessIdentity.Parse("a.b.c.d.e.f.g.h");

        eight.Depth.Should().Be(BusinessIdentity.MaxDepth);
        eight.SelfAndAncestors().Should().HaveCount(9);
        BusinessIdentity.TryParse("a.b.c.d.e.f.g.h.i", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("retaiL")]
    [InlineData("retail.pOp")]
    [InlineData("-retail")]
    [InlineData("retail.2pop")]
    [InlineData("retail_pop")]
    [InlineData("ret\u00e4il")]
    [InlineData("Default")]
    [InlineData(" retail")]
    [InlineData(".")]
    public void Other_malformed_identities_are_refused(string text)
    {
        BusinessIdentity.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("retail-")]
    [InlineData("r")]
    [InlineData("retail.pop-2.x9")]
    public void Dashes_and_digits_after_the_first_letter_are_fine(string text)
    {
        BusinessIdentity.TryParse(text, out var identity, out var error).Should().BeTrue();
        error.Should().BeNull();
        identity.Value.Should().Be(text);
    }

    [Fact]
    public void Parsing_default_gives_the_one_default_identity()
    {
        var parsed = BusinessIdentity.Parse(BusinessIdentity.DefaultName);

        parsed.IsDefault.Should().BeTrue();
        (parsed == default(BusinessIdentity)).Should().BeTrue();
        parsed.GetHashCode().Should().Be(default(BusinessIdentity).GetHashCode());
        parsed.SelfAndAncestors().Should().Equal(BusinessIdentity.Default);
        parsed.ToString().Should().Be("default");
    }

    [Fact]
    public void Daojia_fresh_falls_back_to_daojia_then_to_the_default()
    {
        var fresh = BusinessIdentity.Parse("daojia.fresh");

        fresh.TryGetParent(out var daojia).Should().BeTrue();
        daojia.Should().Be(BusinessIdentity.Parse("daojia"));
        daojia.Depth.Should().Be(1);
        daojia.TryGetParent(out var root).Should().BeTrue();
        root.IsDefault.Should().BeTrue();
        root.Should().Be(BusinessIdentity.Default);
        root.TryGetParent(out _).Should().BeFalse();
    }

    [Fact]
    public void An_identity_whose_first_segment_is_default_still_has_the_one_default_as_its_root()
    {
        var child = BusinessIdentity.Parse("default.fresh");

        child.TryGetParent(out var parent).Should().BeTrue();
        parent.IsDefault.Should().BeTrue();
        parent.Should().Be(BusinessIdentity.Default);
        child.SelfAndAncestors().Select(i => i.Value).Should().Equal("default.fresh", "default");
        BusinessIdentity.Default.IsSelfOrAncestorOf(child).Should().BeTrue();
        parent.IsSelfOrAncestorOf(BusinessIdentity.Parse("retail")).Should().BeTrue();
    }

    [Theory]
    [InlineData("default", "default", true)]
    [InlineData("retail", "default", false)]
    [InlineData("retail", "retail-x", false)]
    [InlineData("retail.pop", "retail.pop.night", true)]
    [InlineData("retail.pop", "retail.po", false)]
    [InlineData("retail.po", "retail.pop", false)]
    [InlineData("daojia", "daojia.fresh.night", true)]
    [InlineData("retail.self", "retail.pop", false)]
    public void More_ancestry_edge_cases(string ancestor, string identity, bool expected)
    {
        BusinessIdentity.Parse(ancestor).IsSelfOrAncestorOf(BusinessIdentity.Parse(identity)).Should().Be(expected);
    }

    [Fact]
    public void Identities_work_as_set_and_dictionary_keys()
    {
        HashSet<BusinessIdentity> set = [BusinessIdentity.Parse("retail.pop"), BusinessIdentity.Parse("retail.pop"), default, BusinessIdentity.Parse("default")];

        set.Should().HaveCount(2);
        set.Should().Contain(BusinessIdentity.Parse(string.Concat("retail.", "pop")));
        BusinessIdentity.Parse("retail").Equals((object)"retail").Should().BeFalse("an identity never equals its text");
        (BusinessIdentity.Parse("retail") != BusinessIdentity.Default).Should().BeTrue();
    }
}
