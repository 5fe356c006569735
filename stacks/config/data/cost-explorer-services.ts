/**
 * Cost Explorer `SERVICE` dimension values a workload budget may filter on (`budget.services`).
 * A budget's cost filter must match these names exactly or it matches nothing and never alerts,
 * and AWS accepts the budget all the same. No package ships them, so this list is by hand: the
 * values as Cost Explorer shows them (Billing console, Cost Explorer, "Service" filter; the same
 * strings `aws ce get-dimension-values --dimension SERVICE` returns), for the services these
 * workloads use and those next to them.
 * Source: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetDimensionValues.html
 * and https://docs.aws.amazon.com/cost-management/latest/userguide/ce-filtering.html
 */
import { nearest } from "../nearest";

export const costExplorerServices: readonly string[] = [
    "Amazon API Gateway",
    "Amazon Athena",
    "Amazon Bedrock",
    "Amazon CloudWatch",
    "Amazon DynamoDB",
    "Amazon EC2 Container Registry (ECR)",
    "Amazon Elastic Compute Cloud - Compute",
    "Amazon Elastic Container Service",
    "Amazon Elastic Container Service for Kubernetes",
    "Amazon Pinpoint",
    "Amazon SageMaker",
    "Amazon Simple Email Service",
    "Amazon Simple Notification Service",
    "Amazon Simple Queue Service",
    "Amazon Simple Storage Service",
    "Amazon Textract",
    "AWS CloudTrail",
    "AWS End User Messaging",
    "AWS Glue",
    "AWS Key Management Service",
    "AWS Lambda",
    "AWS Secrets Manager",
    "AWS Step Functions",
    "AWS X-Ray",
    "EC2 - Other",
    "CloudWatch Events",
];

export function costExplorerServiceProblem(name: string): string | undefined {
    if (costExplorerServices.includes(name)) return undefined;
    const guess = nearest(name, costExplorerServices);
    const hint = guess === undefined ? `expected a Cost Explorer service name such as "Amazon Bedrock" or "AWS End User Messaging" (the list: stacks/config/data/cost-explorer-services.ts)` : `did you mean "${guess}"?`;
    return `is not a Cost Explorer service name, so the budget would count nothing and never alert; ${hint}`;
}
