namespace HookGuard.Core.Packaging;

/// <summary>
/// The PEP 508 environment markers of one interpreter
/// (https://peps.python.org/pep-0508/#environment-markers).
/// </summary>
public sealed record MarkerEnvironment(
    string PythonVersion,          // "3.11"
    string PythonFullVersion,      // "3.11.7"
    string OsName,                 // "posix" | "nt"
    string SysPlatform,            // "linux" | "win32" | "darwin"
    string PlatformSystem,         // "Linux" | "Windows" | "Darwin"
    string PlatformMachine,        // "x86_64"
    string PlatformRelease,
    string PlatformVersion,
    string PlatformPythonImplementation, // "CPython"
    string ImplementationName,     // "cpython"
    string ImplementationVersion)  // "3.11.7"
{
    /// <summary>Looks a marker variable up by its PEP 508 name; <see langword="null"/> if unknown.</summary>
    public string? this[string variable] => variable switch
    {
        "python_version" => PythonVersion,
        "python_full_version" => PythonFullVersion,
        "os_name" => OsName,
        "sys_platform" => SysPlatform,
        "platform_system" => PlatformSystem,
        "platform_machine" => PlatformMachine,
        "platform_release" => PlatformRelease,
        "platform_version" => PlatformVersion,
        "platform_python_implementation" => PlatformPythonImplementation,
        "implementation_name" => ImplementationName,
        "implementation_version" => ImplementationVersion,
        _ => null,
    };

    /// <summary>
    /// The environment of a CPython interpreter from the few facts that vary, the way
    /// <c>packaging.markers.default_environment()</c> derives the rest. Pure: the caller supplies the facts.
    /// </summary>
    /// <remarks>
    /// <c>pythonFullVersion</c> is <c>platform.python_version()</c>, e.g. <c>3.11.7</c>; the others are
    /// <c>os.name</c>, <c>sys.platform</c>, <c>platform.system()</c>, <c>platform.machine()</c>,
    /// <c>platform.release()</c> and <c>platform.version()</c>.
    /// </remarks>
    public static MarkerEnvironment Create(
        string pythonFullVersion,
        string osName,
        string sysPlatform,
        string platformSystem,
        string platformMachine,
        string platformRelease = "",
        string platformVersion = "")
    {
        ArgumentNullException.ThrowIfNull(pythonFullVersion);
        // python_version is ".".join(platform.python_version_tuple()[:2]).
        var parts = pythonFullVersion.Split('.');
        var pythonVersion = parts.Length >= 2 ? parts[0] + "." + parts[1] : pythonFullVersion;
        return new MarkerEnvironment(
            pythonVersion, pythonFullVersion, osName, sysPlatform, platformSystem, platformMachine,
            platformRelease, platformVersion, "CPython", "cpython", pythonFullVersion);
    }
}
