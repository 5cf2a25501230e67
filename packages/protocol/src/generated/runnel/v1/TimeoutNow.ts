// Original file: proto/runnel/v1/quorum.proto


export interface TimeoutNow {
}

export interface TimeoutNow__Output {
}
