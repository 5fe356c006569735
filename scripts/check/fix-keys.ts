/**
 * The stack config key to change for a finding, where a workload component rendered the
 * statement: the pack's `fix:` names the ARN or the element, this names the setting that made it.
 * Matched on the workload (from the resource's parents) and the statement's Sid in the message.
 */


/** Per workload, Sids (or words of the policy's name) and the key that decides them; the first match wins. */
const keysBySid: Readonly<Record<string, readonly (readonly [RegExp, string])[]>> = {
    "aws-workloads:ocr": [
        [/S3OCRBucket/, "aws-workloads:ocr.bucketName"],
        [/TextractAdapter/, "aws-workloads:ocr.adapters (and adapterManagement)"],
        [/ViewOwnUserInfo|NavigateInConsole/, "aws-workloads:ocr.viewOwnPermissions"],
        [/PublishTextractJobStatus/, "aws-workloads:ocr.notificationTopicName"],
        [/access key|long-lived/i, "aws-workloads:ocr.createAccessKey (or principal: role)"],
    ],
    "aws-workloads:bedrock": [
        [/access key|long-lived/i, "aws-workloads:bedrock.createAccessKey (or principal: role)"],
        [/bedrock:|foundation-model|inference-profile|Bedrock/, "aws-workloads:bedrock.scope (and modelId, region)"],
    ],
    "aws-workloads:sms": [
        [/SendFromConfiguredOriginationIdentities|AWSEUMXMinimalAccess|sms-voice:Send/, "aws-workloads:sms.phoneNumberIds and aws-workloads:sms.senderIds (and regions)"],
        [/access key|long-lived/i, "aws-workloads:sms.createAccessKey (or principal: role)"],
        [/trust|AssumeRole/i, "aws-workloads:sms.trustedServices"],
    ],
    "aws-workloads:engagement": [
        [/engagement-lambda-|lambda/, "aws-workloads:engagement.functionAccess"],
        [/AthenaQueriesInWorkgroup/, "aws-workloads:engagement.functionAccess.<function>.athena"],
        [/InvokeAgentAlias|RetrieveFromKnowledgeBase/, "aws-workloads:engagement.agentId, agentAliasId and knowledgeBaseId"],
        [/ApiLogGroups|WriteApiLogStreams/, "aws-workloads:engagement.apiId and apiStage"],
    ],
};

/** The key to change, or the workload's section when no Sid is recognised; undefined outside the workloads. */
export function configKeyFor(workload: string | undefined, message: string): string | undefined {
    if (workload === undefined) return undefined;
    return keysBySid[workload]?.find(([pattern]) => pattern.test(message))?.[1] ?? workload;
}
