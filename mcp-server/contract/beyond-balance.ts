// The name of the Preferences switch behind the setting `leave.allowBeyondBalance`, said alike by the
// window and by the engine's refusals, so a person finds what they are told to turn on. Free of zod:
// the window imports it.

export const BEYOND_BALANCE_SWITCH = 'Allow leave beyond my balance';
