/** Condition blocks the seeds ask for, each one line of intent at the call site. */
import { Condition } from "./document";

/** Only requests made to these regions (seed 001's recommended policy, seed 004). */
export function requestedRegion(regions: string | readonly string[]): Condition {
    return { StringEquals: { "aws:RequestedRegion": typeof regions === "string" ? regions : [...regions] } };
}

/** `iam:PassRole` only to this service (seed 002, seed 003's Step Functions role). */
export function passedToService(service: string): Condition {
    return { StringEquals: { "iam:PassedToService": service } };
}

/** Confused-deputy guard: the calling service acts for this account. */
export function sourceAccount(accountId: string): Condition {
    return { StringEquals: { "aws:SourceAccount": accountId } };
}

/** Confused-deputy guard: the calling service acts for this resource (a pattern is allowed). */
export function sourceArn(arn: string | readonly string[]): Condition {
    return { ArnLike: { "aws:SourceArn": typeof arn === "string" ? arn : [...arn] } };
}

/** Matches requests sent without TLS; used in Deny statements. */
export function insecureTransport(): Condition {
    return { Bool: { "aws:SecureTransport": "false" } };
}

/** Only requests from these networks (seed 004 "Add IP restrictions"); requests through a VPC endpoint carry no public source IP. */
export function sourceIp(cidrs: readonly string[]): Condition {
    return { IpAddress: { "aws:SourceIp": [...cidrs] } };
}

/** Only requests through these VPC endpoints (seed 004 "VPC endpoint conditions"). */
export function sourceVpce(endpointIds: readonly string[]): Condition {
    return { StringEquals: { "aws:SourceVpce": [...endpointIds] } };
}
