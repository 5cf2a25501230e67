// Original file: proto/runnel/v1/groups.proto

import type { Coordinator as _runnel_v1_Coordinator, Coordinator__Output as _runnel_v1_Coordinator__Output } from '../../runnel/v1/Coordinator.js';

export interface FindCoordinatorResponse {
  'coordinators'?: (_runnel_v1_Coordinator)[];
}

export interface FindCoordinatorResponse__Output {
  'coordinators': (_runnel_v1_Coordinator__Output)[];
}
