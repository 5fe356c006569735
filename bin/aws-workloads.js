#!/usr/bin/env node
/**
 * `npx aws-workloads check ...`: the offline check without npm's banner on stdout, so that
 * `npx aws-workloads check --stack prod --json | jq` reads JSON alone. Runs the TypeScript
 * sources through ts-node (transpile only), as `npm run check` does.
 */
const path = require("path");
const root = path.resolve(__dirname, "..");
require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
const { Command } = require("commander");
const { checkCommand, main } = require(path.join(root, "scripts", "check.ts"));

const program = new Command("aws-workloads")
    .description("Least-privilege AWS access for five documented workloads: offline checks.")
    .addCommand(checkCommand("check"))
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
main(program, process.argv.slice(2));
