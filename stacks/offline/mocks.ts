/**
 * Deterministic Pulumi mocks for running the program without an engine or an AWS account.
 * Every resource gets an ID and ARN built from its type, name, account and region, so every
 * document is concrete; every registration is recorded for the policy pack and the reports.
 */
import * as pulumi from "@pulumi/pulumi";

/** A resource as the engine (and CrossGuard) would see it: type token, logical name, inputs. */
export interface RecordedResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly inputs: Record<string, any>;
    /** The registration as the SDK sent it to the engine (set by `run-stack.ts`'s monitor tap). */
    wire?: WireRegistration;
}

/** What the engine receives for a resource: marshalled inputs (unknown sentinels, secret wrappers) and its links. */
export interface WireRegistration {
    /** The URN the engine gives the resource (its parents' types included). */
    readonly urn: string;
    readonly properties: Record<string, unknown>;
    readonly parent?: string;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** What the mocks record; cleared by `resetRecording`. */
const recorded: RecordedResource[] = [];

export function recordedResources(): readonly RecordedResource[] {
    return recorded;
}

export function resetRecording(): void {
    recorded.length = 0;
}

function configured(key: string, fallback: string): string {
    return pulumi.runtime.getConfig(`aws-workloads:${key}`) ?? fallback;
}

/** The ARN AWS would return for a resource of this type and name. */
export function mockArn(type: string, physicalName: string, region: string, accountId: string): string {
    const partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    const [, modulePath = "", typeName = ""] = type.split(":");
    const service = modulePath.split("/")[0];
    switch (type) {
        case "aws:s3/bucket:Bucket":
            return `arn:${partition}:s3:::${physicalName}`;
        case "aws:iam/role:Role":
        case "aws:iam/user:User":
        case "aws:iam/policy:Policy":
        case "aws:iam/instanceProfile:InstanceProfile": {
            const kind = typeName === "InstanceProfile" ? "instance-profile" : typeName.toLowerCase();
            return `arn:${partition}:iam::${accountId}:${kind}/${physicalName}`;
        }
        case "aws:sns/topic:Topic":
            return `arn:${partition}:sns:${region}:${accountId}:${physicalName}`;
        case "aws:lambda/function:Function":
            return `arn:${partition}:lambda:${region}:${accountId}:function:${physicalName}`;
        case "aws:cloudwatch/logGroup:LogGroup":
            return `arn:${partition}:logs:${region}:${accountId}:log-group:${physicalName}`;
        default:
            return `arn:${partition}:${service}:${region}:${accountId}:${typeName.toLowerCase()}/${physicalName}`;
    }
}

/**
 * The mocks of an update: every output AWS would return is known. `previewMocks` are those of a
 * first `pulumi preview`: the provider has computed nothing yet, so only inputs are known and every
 * ID and ARN is unknown, as the engine would send them.
 */
export const offlineMocks: pulumi.runtime.Mocks = {
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const inputs = args.inputs ?? {};
        const region = inputs.region ?? configured("region", "us-east-1");
        const accountId = configured("accountId", "123456789012");
        const physicalName = String(inputs.name ?? inputs.bucket ?? inputs.functionName ?? args.name);
        const urn = `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${args.type}::${args.name}`;
        recorded.push({ type: args.type, name: args.name, urn, inputs });
        const id = args.type === "aws:iam/accessKey:AccessKey" ? `AKIA${args.name.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 16).padEnd(16, "X")}` : physicalName;
        return {
            id,
            state: {
                ...inputs,
                id,
                arn: mockArn(args.type, physicalName, region, accountId),
                ...(args.type === "aws:iam/accessKey:AccessKey" ? { secret: "offline-mock-secret-not-a-credential" } : {}),
            },
        };
    },
    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
        throw new Error(`offline mocks: no mock for the provider function ${args.token}; the program must not look anything up at preview`);
    },
};

export const previewMocks: pulumi.runtime.Mocks = {
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const inputs = args.inputs ?? {};
        recorded.push({ type: args.type, name: args.name, urn: `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${args.type}::${args.name}`, inputs });
        return { id: undefined, state: { ...inputs } };
    },
    call: offlineMocks.call,
};
