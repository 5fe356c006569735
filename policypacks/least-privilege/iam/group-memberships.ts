/**
 * Group memberships are grants too: a user who joins a group gets every policy the group has.
 * Read from the inputs of `@pulumi/aws` 7 and `@pulumi/aws-native` (matched on type tokens);
 * a value unknown at preview becomes an `unknown` group, named by where it sits.
 */
import { known, unknownValue } from "./resource-documents";

export interface Membership {
    /** Where the group sits: `groups[1]`, `group`, `groupName`. */
    readonly field: string;
    /** The top-level input the engine's `propertyDependencies` are keyed by. */
    readonly dependencyKey: string;
    /** The group's name (the last segment of an ARN); `undefined` when not known at preview or not a string. */
    readonly group?: string;
    /** Who joins, for the message. */
    readonly users: string;
}

type Props = Record<string, unknown>;

/** The last segment of a group or user name or ARN; `undefined` for anything but a non-empty string. */
export const nameOf = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value.slice(value.lastIndexOf("/") + 1) : undefined);

/** The items of a list input, each read through `known` (CrossGuard's proxy throws on an unknown item). */
function itemsOf(list: unknown[]): unknown[] {
    const items: unknown[] = [];
    for (let i = 0; i < list.length; i++) items.push(known(list as unknown as Props, String(i)));
    return items;
}

function usersOf(props: Props, key: string): string {
    const value = known(props, key);
    if (typeof value === "string" && value !== "") return `user ${JSON.stringify(value)}`;
    if (Array.isArray(value)) return `users ${itemsOf(value).map((v) => (typeof v === "string" ? JSON.stringify(v) : "(not known at preview)")).join(", ")}`;
    return "a user not known at preview";
}

function oneGroup(props: Props, key: string, users: string): Membership[] {
    const value = known(props, key);
    if (value === undefined || value === null) return [];
    return [{ field: key, dependencyKey: key, group: value === unknownValue ? undefined : nameOf(value), users }];
}

function groupList(props: Props, key: string, users: string): Membership[] {
    const list = known(props, key);
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) return [{ field: key, dependencyKey: key, group: undefined, users }];
    return itemsOf(list).map((value, i) => ({ field: `${key}[${i}]`, dependencyKey: key, group: value === unknownValue ? undefined : nameOf(value), users }));
}

/** Type token -> the input naming who joins, and the groups its inputs join. */
const readers: ReadonlyMap<string, { readonly users: string; readonly read: (props: Props, users: string) => Membership[] }> = new Map([
    ["aws:iam/userGroupMembership:UserGroupMembership", { users: "user", read: (p: Props, users: string) => groupList(p, "groups", users) }],
    ["aws:iam/groupMembership:GroupMembership", { users: "users", read: (p: Props, users: string) => oneGroup(p, "group", users) }],
    ["aws-native:iam:UserToGroupAddition", { users: "users", read: (p: Props, users: string) => oneGroup(p, "groupName", users) }],
    ["aws-native:iam:User", { users: "userName", read: (p: Props, users: string) => groupList(p, "groups", users) }],
]);

export const carriesMemberships = (type: string): boolean => readers.has(type);

/** The groups a resource makes users join; never throws on unknown or malformed values. */
export function membershipsOf(type: string, props: Props): Membership[] {
    const reader = readers.get(type);
    return reader ? reader.read(props, usersOf(props, reader.users)) : [];
}

/** The names of the users a membership resource makes join (the last segment of an ARN); those not known at preview are left out. */
export function memberNamesOf(type: string, props: Props): string[] {
    const key = readers.get(type)?.users;
    if (key === undefined) return [];
    const value = known(props, key);
    return (Array.isArray(value) ? itemsOf(value) : [value]).flatMap((v) => nameOf(v) ?? []);
}

/** Resource types that create a group, and the input holding its name. */
const groupTypes: ReadonlyMap<string, string> = new Map([["aws:iam/group:Group", "name"], ["aws-native:iam:Group", "groupName"]]);

export const createsGroup = (type: string): boolean => groupTypes.has(type);

/**
 * The name given to the group a resource creates. An auto-named group (no name input) is known
 * only through the engine's propertyDependencies: its logical name is not its name, and a
 * membership naming that text would name a group outside the stack.
 */
export function createdGroupName(type: string, props: Props): string | undefined {
    const key = groupTypes.get(type);
    return key === undefined ? undefined : nameOf(known(props, key));
}
