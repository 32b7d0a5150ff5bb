using HookGuard.Core.Installed;

namespace HookGuard.Tests.Installed;

public class PyvenvConfigParserSpecs
{
    [Fact]
    public void Reads_what_python_m_venv_writes()
    {
        const string text = "home = /root/.pyenv/versions/3.11.7/bin\ninclude-system-site-packages = false\nversion = 3.11.7\nexecutable = /root/.pyenv/versions/3.11.7/bin/python3.11\ncommand = /x -m venv /v\n";

        var config = PyvenvConfigParser.Parse(text, "pyvenv.cfg");

        Assert.Equal(new PyvenvConfig("/root/.pyenv/versions/3.11.7/bin", false, "3.11.7", null), config);
        Assert.Equal((3, 11), config.PythonMajorMinor);
    }

    [Fact]
    public void Reads_what_virtualenv_writes()
    {
        const string text = "home = C:\\Python312\r\nimplementation = CPython\r\nversion_info = 3.12.1.final.0\r\nvirtualenv = 20.25.0\r\ninclude-system-site-packages = TRUE\r\nbase-prefix = C:\\Python312\r\n";

        var config = PyvenvConfigParser.Parse(text, "pyvenv.cfg");

        Assert.Equal(new PyvenvConfig("C:\\Python312", true, "3.12.1.final.0", "CPython"), config);
        Assert.Equal((3, 12), config.PythonMajorMinor);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_split_at_the_first_equals_sign()
    {
        var config = PyvenvConfigParser.Parse("HOME=/opt/py=3/bin\nVersion=3.8.18\n", "pyvenv.cfg");

        Assert.Equal("/opt/py=3/bin", config.Home);
        Assert.Equal((3, 8), config.PythonMajorMinor);
    }

    [Fact]
    public void Without_a_version_key_the_version_is_unknown()
    {
        var config = PyvenvConfigParser.Parse("home = /usr/bin\n", "pyvenv.cfg");

        Assert.Null(config.PythonMajorMinor);
        Assert.False(config.IncludeSystemSitePackages);
    }

    [Theory]
    [InlineData("home = /usr/bin\nthis is not a setting\n", 2)]
    [InlineData("include-system-site-packages = yes\n", 1)]
    [InlineData("home = /usr/bin\nversion = three\n", 2)]
    [InlineData(" = value\n", 1)]
    public void Rejects_a_malformed_line_naming_file_and_line(string text, int line)
    {
        var error = Assert.Throws<VenvFormatException>(() => PyvenvConfigParser.Parse(text, "/p/.venv/pyvenv.cfg"));

        Assert.Equal(("/p/.venv/pyvenv.cfg", line), (error.File, error.Line));
    }
}
