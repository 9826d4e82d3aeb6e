// A ~/.claude.json as heavy Claude Code users have it: the user's servers, then one object per
// project folder with its prompt history, pasted contents and settings, written the way Claude Code
// writes the file (JSON.stringify with two spaces). Text is mostly ASCII with accents and emoji, as
// prompts are. Built from one project's text repeated, so making 100 MB costs this process little.

/** A file of at least `bytes` bytes. */
export function claudeCodeHistory(bytes: number): Buffer {
  const project = (index: number) => ({
    allowedTools: ['Bash(npm test)', 'Edit'],
    history: Array.from({ length: 40 }, (_, entry) => ({
      display: `step ${entry} in project ${index}: rename the invoice module, keep the café's tests green 🚀, then explain why the build failed`,
      pastedContents:
        entry % 5 === 0 ? { 1: { id: 1, type: 'text', content: `stack trace ${'at Object.<anonymous> (/srv/app/index.js:12:7)\n'.repeat(20)}` } } : {},
    })),
    mcpContextUris: [],
    mcpServers: {},
    enabledMcpjsonServers: [],
    hasTrustDialogAccepted: true,
    lastCost: 0.4213,
    lastSessionId: `5f0c${String(index).padStart(8, '0')}`,
  });
  const sample = JSON.stringify(project(0), null, 2).replace(/\n/g, '\n    ');
  const count = Math.ceil(bytes / Buffer.byteLength(sample)) + 1;
  const projects: string[] = [];
  for (let index = 0; index < count; index++) {
    projects.push(`    "/home/ada/work/repo-${index}": ${sample.replace('project 0:', `project ${index}:`)}`);
  }
  const text =
    '{\n  "numStartups": 412,\n  "installMethod": "global",\n  "autoUpdates": true,\n' +
    '  "mcpServers": {\n    "github": {\n      "type": "stdio",\n      "command": "npx",\n      "args": [\n        "-y",\n        "@modelcontextprotocol/server-github"\n      ]\n    }\n  },\n' +
    `  "projects": {\n${projects.join(',\n')}\n  },\n  "userID": "4a1b"\n}`;
  return Buffer.from(text, 'utf8');
}
