import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { vendoredSharedDir, workplaceSharedDir } from "../support/shared";

/** Every file below `dir`, relative to it. */
function files(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)).map((f) => path.join(e.name, f)) : [e.name]).sort();
}

describe("test/fixtures/shared, the copy a clone without ../shared reads", () => {
    for (const folder of ["seeds", "schemas"]) {
        it(`${folder} match the workplace's ../shared/${folder} byte for byte (skipped where there is none)`, function () {
            const source = path.join(workplaceSharedDir, folder);
            if (!fs.existsSync(source)) this.skip();
            const copy = path.join(vendoredSharedDir, folder);
            assert.deepEqual(files(copy), files(source), `refresh with: cp -r ../shared/${folder} test/fixtures/shared/`);
            for (const f of files(source)) {
                assert.ok(fs.readFileSync(path.join(copy, f)).equals(fs.readFileSync(path.join(source, f))), `${folder}/${f} is stale: cp -r ../shared/${folder} test/fixtures/shared/`);
            }
        });
    }
});
