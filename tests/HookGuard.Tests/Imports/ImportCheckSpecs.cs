using System.Text;
using HookGuard.Core.Deploy;
using HookGuard.Core.Imports;
using HookGuard.Core.Installed;

namespace HookGuard.Tests.Imports;

public sealed class ImportCheckSpecs
{
    private static InstalledDistribution Dist(string name, string version, string location = "/p/.venv/lib/python3.11/site-packages") =>
        new(name, version, location, null, []);

    /// <summary>A venv holding requests (declared), urllib3 (pulled in by requests), PyYAML (providing 'yaml', undeclared).</summary>
    private static ImportScope Scope(bool blocks = false, IReadOnlySet<string>? named = null, IReadOnlySet<string>? declared = null)
    {
        var providers = new Dictionary<string, string[]>
        {
            ["requests"] = ["requests"],
            ["urllib3"] = ["urllib3"],
            ["yaml"] = ["pyyaml"],
            ["loose"] = [""],
            ["google"] = ["google-auth", "protobuf"],
        };
        var installed = new Dictionary<string, InstalledDistribution>
        {
            ["requests"] = Dist("requests", "2.31.0"),
            ["urllib3"] = Dist("urllib3", "2.0.7"),
            ["pyyaml"] = Dist("PyYAML", "6.0.1", "/home/u/.local/lib/python3.11/site-packages"),
            ["google-auth"] = Dist("google-auth", "2.0"),
            ["protobuf"] = Dist("protobuf", "4.0"),
        };
        return new ImportScope(
            (3, 11),
            module => providers.GetValueOrDefault(module) ?? [],
            installed,
            named ?? new HashSet<string> { "requests", "protobuf" },
            declared ?? new HashSet<string> { "requests", "protobuf", "boto3" },
            name => name == "urllib3" ? "requests" : null,
            "requirements.txt",
            "/p/.venv",
            blocks);
    }

    private static IReadOnlyList<DeployFinding> Check(string source, ImportScope? scope = null, params string[] firstParty) =>
        ImportCheck.Findings("app/handler.py", PythonImportReader.Read(Encoding.UTF8.GetBytes(source)), firstParty.Contains, scope ?? Scope());

    [Fact]
    public void Standard_library_first_party_and_declared_imports_pass()
    {
        Assert.Empty(Check("import os, sys\nfrom json import loads\nimport requests\nimport app.models\nimport tomllib\n", null, "app"));
    }

    [Fact]
    public void A_module_only_a_newer_python_has_in_its_standard_library_is_unresolved_on_an_older_one()
    {
        var scope = Scope() with { Python = (3, 10) };

        var finding = Assert.Single(Check("import tomllib\n", scope));

        Assert.Equal(DeployFindingKind.ImportUnresolved, finding.Kind);
        Assert.Contains("Python 3.10", finding.Message);
    }

    [Fact]
    public void A_transitive_dependency_is_not_declared_and_the_message_names_what_pulled_it_in()
    {
        var finding = Assert.Single(Check("import os\nimport urllib3.util\n"));

        Assert.Equal(DeployFindingKind.ImportNotDeclared, finding.Kind);
        Assert.Equal(new("app/handler.py", 2), finding.Location);
        Assert.Equal("urllib3", finding.Subject);
        Assert.Contains("urllib3 2.0.7", finding.Message);
        Assert.Contains("only there because requests requires it", finding.Message);
        Assert.Equal("import-not-declared", finding.KindName);
    }

    [Fact]
    public void A_distribution_whose_import_name_differs_is_found_by_its_module_and_one_outside_the_venv_says_where()
    {
        var finding = Assert.Single(Check("from yaml import safe_load\n"));

        Assert.Equal(DeployFindingKind.ImportNotDeclared, finding.Kind);
        Assert.Contains("PyYAML 6.0.1", finding.Message);
        Assert.Contains("outside the venv, in /home/u/.local/lib/python3.11/site-packages", finding.Message);
    }

    [Fact]
    public void A_module_nothing_provides_is_unresolved_and_blocks_only_under_block()
    {
        var warned = Assert.Single(Check("import missingmod\n"));
        var blocked = Assert.Single(Check("import missingmod\n", Scope(blocks: true)));

        Assert.Equal(DeployFindingKind.ImportUnresolved, warned.Kind);
        Assert.Contains("ModuleNotFoundError", warned.Message);
        Assert.False(warned.Blocks);
        Assert.True(blocked.Blocks);
    }

    [Fact]
    public void Optional_typing_only_and_relative_imports_are_not_judged()
    {
        const string source = """
            from __future__ import annotations
            from typing import TYPE_CHECKING
            from . import sibling
            from .models import Thing
            try:
                import ujson as json
            except ImportError:
                import json
            if TYPE_CHECKING:
                import mypy_boto3_s3
            """;

        Assert.Empty(Check(source));
    }

    [Fact]
    public void A_module_named_like_a_declared_requirement_that_is_not_installed_is_left_to_the_not_installed_finding()
    {
        Assert.Empty(Check("import boto3\n"));
    }

    [Fact]
    public void A_namespace_shared_by_two_distributions_passes_when_one_of_them_is_declared()
    {
        Assert.Empty(Check("import google.protobuf\n"));
        var none = Scope(named: new HashSet<string> { "requests" });
        Assert.Equal(DeployFindingKind.ImportNotDeclared, Assert.Single(Check("import google.auth\n", none)).Kind);
    }

    [Fact]
    public void A_module_in_site_packages_that_no_distribution_claims_is_not_declarable()
    {
        var finding = Assert.Single(Check("import loose\n"));

        Assert.Equal(DeployFindingKind.ImportNotDeclared, finding.Kind);
        Assert.Contains("no installed distribution claims it", finding.Message);
    }

    [Fact]
    public void A_module_is_reported_once_per_file_at_its_first_import()
    {
        var finding = Assert.Single(Check("import missingmod\nimport missingmod.sub\nfrom missingmod import x\n"));

        Assert.Equal(1, finding.Location.Line);
    }
}
