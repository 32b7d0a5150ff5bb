using System.Text;
using HookGuard.Core.Imports;

namespace HookGuard.Tests.Imports;

public sealed class PythonImportReaderSpecs
{
    private static IReadOnlyList<ImportStatement> Read(string source) => PythonImportReader.Read(Encoding.UTF8.GetBytes(source));

    [Fact]
    public void Import_lists_give_one_statement_per_module() =>
        Assert.Equal([new("a.b", 1, 0, ImportNeed.Required), new("d", 1, 0, ImportNeed.Required)], Read("import a.b as c, d\n"));

    [Fact]
    public void From_imports_give_one_statement_with_their_level() =>
        Assert.Equal([new("x.y", 1, 0, ImportNeed.Required), new("", 3, 1, ImportNeed.Required), new("pkg", 4, 2, ImportNeed.Required)],
            Read("from x.y import (p,\n  q)\nfrom . import m\nfrom ..pkg import m\n"));

    [Fact]
    public void Try_except_import_error_makes_the_body_and_the_fallback_optional() =>
        Assert.Equal([new("x", 1, 0, ImportNeed.Optional), new("y", 2, 0, ImportNeed.Optional)],
            Read("try: import x\nexcept ImportError: import y\n"));

    [Fact]
    public void Type_checking_blocks_are_typing_only_but_not_their_else() =>
        Assert.Equal([new("y", 3, 0, ImportNeed.TypingOnly), new("z", 5, 0, ImportNeed.Required)],
            Read("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING: import y\nelse:\n    import z\n").Skip(1));

    [Fact]
    public void Version_tests_make_both_branches_optional() =>
        Assert.Equal([new("tomllib", 2, 0, ImportNeed.Optional), new("tomli", 4, 0, ImportNeed.Optional)],
            Read("if sys.version_info >= (3, 11):\n    import tomllib\nelse:\n    import tomli\n"));

    [Fact]
    public void Strings_comments_and_attributes_are_not_imports() =>
        Assert.Empty(Read("# import a\ns = 'import b'\nt = f\"{x[\"import c\"]}\"\nprint(x.import_)\nimports = 1\nu = '''\nimport d\n'''\n"));

    [Fact]
    public void Literal_import_calls_are_imports() =>
        Assert.Equal([new("a.b", 1, 0, ImportNeed.Required), new("c", 2, 0, ImportNeed.Required)],
            Read("m = importlib.import_module('a.b')\n__import__(\"c\"); __import__(name)\n"));

    [Fact]
    public void Suppress_import_error_makes_the_body_optional_and_only_the_body() =>
        Assert.Equal([new("a", 2, 0, ImportNeed.Optional), new("b", 4, 0, ImportNeed.Optional), new("c", 5, 0, ImportNeed.Required)],
            Read("with suppress(ImportError):\n    import a\nwith contextlib.suppress(ModuleNotFoundError):\n    import b\nimport c\n"));

    [Fact]
    public void Imports_in_functions_and_classes_are_required() =>
        Assert.Equal([new("a", 2, 0, ImportNeed.Required), new("b", 5, 0, ImportNeed.Required)],
            Read("def f():\n    import a\n\nclass C:\n    from b import c\n"));

    [Fact]
    public void Nested_blocks_keep_the_reason_of_the_outer_one() =>
        Assert.Equal([new("a", 3, 0, ImportNeed.Optional)],
            Read("try:\n    def f():\n        import a\nexcept ImportError:\n    pass\n"));

    [Fact]
    public void The_fallback_in_an_import_error_handler_and_the_else_of_its_try_are_optional_but_other_handlers_are_not()
    {
        const string source = "try:\n    import threading\nexcept ImportError:\n    import dummy_threading\nexcept KeyError:\n    import kept\nelse:\n    import extra\n";

        Assert.Equal(
            [("threading", ImportNeed.Optional), ("dummy_threading", ImportNeed.Optional), ("kept", ImportNeed.Required), ("extra", ImportNeed.Optional)],
            PythonImportReader.Read(System.Text.Encoding.UTF8.GetBytes(source)).Select(i => (i.Module, i.Need)));
    }

    [Fact]
    public void Imports_under_assert_raises_or_pytest_raises_of_an_import_error_are_optional()
    {
        const string source = "with self.assertRaises(ImportError):\n    import bogus\nwith pytest.raises(ModuleNotFoundError, match='x'):\n    import other\nwith self.assertRaises(KeyError):\n    import real\n";

        Assert.Equal(
            [("bogus", ImportNeed.Optional), ("other", ImportNeed.Optional), ("real", ImportNeed.Required)],
            PythonImportReader.Read(System.Text.Encoding.UTF8.GetBytes(source)).Select(i => (i.Module, i.Need)));
    }

    [Fact]
    public void A_try_that_catches_something_else_leaves_its_body_required() =>
        Assert.Equal([new("a", 2, 0, ImportNeed.Required)],
            Read("try:\n    import a\nexcept KeyError:\n    pass\n"));

    [Fact]
    public void Semicolons_and_backslash_continuations_split_and_join_statements() =>
        Assert.Equal(
            [new("a", 1, 0, ImportNeed.Required), new("b", 1, 0, ImportNeed.Required), new("c", 2, 0, ImportNeed.Required), new("d", 2, 0, ImportNeed.Required)],
            Read("import a; import b\nimport c, \\\n    d\n"));

    [Fact]
    public void Python_2_print_statements_and_future_imports_do_not_confuse_it() =>
        Assert.Equal([new("__future__", 1, 0, ImportNeed.Required), new("os", 3, 0, ImportNeed.Required)],
            Read("from __future__ import print_function\nprint \"import x\"\nimport os\n"));

    [Fact]
    public void A_string_left_open_at_the_end_of_the_file_ends_the_reading_without_an_error() =>
        Assert.Equal([new("a", 1, 0, ImportNeed.Required)], Read("import a\ns = '''never closed\nimport b\n"));

    [Theory]
    [InlineData("s = RB'import a'\n")]
    [InlineData("s = Rb\"\"\"\nimport a\n\"\"\"\n")]
    [InlineData("s = F'{x!r:>{w}} import a'\n")]
    [InlineData("s = u'import a'\n")]
    public void String_prefixes_in_any_case_still_make_strings(string source) => Assert.Empty(Read(source));
}
