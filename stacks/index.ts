// Pulumi entry point (Pulumi.yaml `main`): the stack outputs are what deployStack returns.
import { deployStack } from "./program";

export = deployStack();
