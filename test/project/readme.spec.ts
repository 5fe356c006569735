import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** The README's opening code block: the newcomer's set-up commands. */
function setUpCommands(readme: string): string[] {
    const match = /^```sh\n([\s\S]*?)\n```/.exec(readme);
    assert.ok(match, "the README must open with a ```sh block of set-up commands");
    return match[1].split("\n");
}

describe("README set-up commands", () => {
    const commands = setUpCommands(read("README.md"));
    const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
    const ci = read(".ci/run");

    it("are two, each from a fresh clone: the main job (the offline check of a committed stack) and the tests", () => {
        assert.equal(commands.length, 2);
        const [check, test] = commands.map((c) => c.replace(/^npm ci && /, ""));
        assert.ok(commands.every((c) => c.startsWith("npm ci && ")), "each starts with the clean install");
        const stack = /^npm run check -- --stack (\S+)$/.exec(check)?.[1];
        assert.ok(stack && fs.existsSync(path.join(root, "stacks", `Pulumi.${stack}.yaml`)), `${check}: no such stack`);
        assert.equal(test, "npm test");
        assert.ok(scripts.check && scripts.test);
    });

    it("are what CI runs", () => {
        const lines = ci.split("\n").map((l) => l.trim());
        for (const command of ["npm ci", ...commands.map((c) => c.replace(/^npm ci && /, ""))]) {
            assert.ok(lines.some((l) => l === command || l.startsWith(`${command} `)), `.ci/run does not run ${command}`);
        }
    });
});
