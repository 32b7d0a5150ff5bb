namespace HookGuard.Core.Imports;

/// <summary>The blocks open at the current line, innermost last, by the column of their header.</summary>
internal sealed class BlockTracker
{
    private readonly Stack<(int Indent, Block Block)> _open = new();

    public Block? Innermost => _open.Count > 0 ? _open.Peek().Block : null;

    /// <summary>Closes every block a line at this indentation leaves; returns the one whose header sat at that column.</summary>
    public Block? CloseBlocksAt(int indent)
    {
        Block? sibling = null;
        while (_open.Count > 0 && _open.Peek().Indent >= indent)
        {
            var (at, block) = _open.Pop();
            if (at == indent) sibling = block;
        }
        return sibling;
    }

    public void Push(int indent, Block block) => _open.Push((indent, block));
}
