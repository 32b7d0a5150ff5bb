using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Drift;
using HookGuard.Core.Projects;

namespace HookGuard.Tests.Declarations;

public sealed class DeclarationChoiceSpecs
{
    private static LocatedProject Project(string[] requirementFiles, params DeclarationFile[] declarations) =>
        new("svc", requirementFiles, ["requirements.txt"], null) { Declarations = declarations };

    private static readonly DeclarationFile UvLock = new("svc/uv.lock", DeclarationFormat.UvLock);
    private static readonly DeclarationFile Pyproject = new("svc/pyproject.toml", DeclarationFormat.Pyproject);
    private static readonly DeclarationFile PipfileLock = new("svc/Pipfile.lock", DeclarationFormat.PipfileLock);
    private static readonly DeclarationFile Pipfile = new("svc/Pipfile", DeclarationFormat.Pipfile);

    [Fact]
    public void Under_freeze_the_lock_is_authoritative_over_requirement_files_by_default()
    {
        var choice = DeclarationChoice.Choose(Project(["svc/requirements.txt"], UvLock, Pyproject), Policy.Freeze, Authoritative.Lock);

        Assert.Equal(new DeclarationChoice(DeclarationFormat.UvLock, "svc/uv.lock", Policy.Freeze), choice);
    }

    [Fact]
    public void The_configuration_can_make_the_requirement_files_authoritative()
    {
        var choice = DeclarationChoice.Choose(Project(["svc/requirements.txt"], UvLock), Policy.Freeze, Authoritative.Requirements);

        Assert.Equal(new DeclarationChoice(DeclarationFormat.RequirementFiles, null, Policy.Freeze), choice);
    }

    [Fact]
    public void Requirements_authoritative_without_requirement_files_still_reads_the_lock()
    {
        var choice = DeclarationChoice.Choose(Project([], UvLock), Policy.Freeze, Authoritative.Requirements);

        Assert.Equal(DeclarationFormat.UvLock, choice.Format);
    }

    [Fact]
    public void Under_freeze_requirement_files_beat_a_pyproject_without_a_lock()
    {
        var choice = DeclarationChoice.Choose(Project(["svc/requirements.txt"], Pyproject), Policy.Freeze, Authoritative.Lock);

        Assert.Equal(DeclarationFormat.RequirementFiles, choice.Format);
    }

    [Fact]
    public void A_project_declared_only_in_pyproject_is_compared_under_top_level_even_when_freeze_is_asked()
    {
        var choice = DeclarationChoice.Choose(Project([], Pyproject), Policy.Freeze, Authoritative.Lock);

        Assert.Equal(new DeclarationChoice(DeclarationFormat.Pyproject, "svc/pyproject.toml", Policy.TopLevel), choice);
    }

    [Fact]
    public void Under_top_level_a_locked_project_reads_the_file_its_lock_was_made_from()
    {
        Assert.Equal("svc/pyproject.toml",
            DeclarationChoice.Choose(Project(["svc/requirements.txt"], UvLock, Pyproject), Policy.TopLevel, Authoritative.Lock).File);
        Assert.Equal("svc/Pipfile",
            DeclarationChoice.Choose(Project([], PipfileLock, Pipfile, Pyproject), Policy.TopLevel, Authoritative.Lock).File);
    }

    [Fact]
    public void Under_top_level_requirement_files_come_before_a_pyproject_when_no_lock_manages_the_project()
    {
        var choice = DeclarationChoice.Choose(Project(["svc/requirements.txt"], Pyproject), Policy.TopLevel, Authoritative.Lock);

        Assert.Equal(DeclarationFormat.RequirementFiles, choice.Format);
    }

    [Fact]
    public void Under_top_level_a_lock_without_its_declaration_file_is_read_itself()
    {
        var choice = DeclarationChoice.Choose(Project([], UvLock), Policy.TopLevel, Authoritative.Lock);

        Assert.Equal(new DeclarationChoice(DeclarationFormat.UvLock, "svc/uv.lock", Policy.TopLevel), choice);
    }

    [Fact]
    public void A_configured_project_without_any_file_reads_its_requirement_globs()
    {
        var choice = DeclarationChoice.Choose(Project([]), Policy.Freeze, Authoritative.Lock);

        Assert.Equal(DeclarationFormat.RequirementFiles, choice.Format);
    }
}
