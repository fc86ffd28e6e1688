// MPI for `spineload sweep` under mpirun: initialised only when a launcher started the process (so the
// plain command never touches MPI), finalised on scope exit. Without MPI support (SPINELOAD_HAVE_MPI
// unset, or -DSPINELOAD_WITH_MPI=OFF) one process is rank 0 of 1.
#pragma once

#include <cstdlib>

#ifdef SPINELOAD_HAVE_MPI
#include <mpi.h>
#endif

namespace spineload::cli {

class MpiSession {
 public:
  MpiSession() {
#ifdef SPINELOAD_HAVE_MPI
    // OpenMPI's and the PMI launchers' (Slurm srun, MPICH hydra) environment of a started rank.
    if (std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK")) {
      MPI_Init(nullptr, nullptr);
      active_ = true;
      MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
      MPI_Comm_size(MPI_COMM_WORLD, &size_);
    }
#endif
  }
  ~MpiSession() {
#ifdef SPINELOAD_HAVE_MPI
    if (active_) MPI_Finalize();
#endif
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const {
    return rank_;
  }
  int size() const {
    return size_;
  }
  void barrier() const {
#ifdef SPINELOAD_HAVE_MPI
    if (active_) MPI_Barrier(MPI_COMM_WORLD);
#endif
  }
  /// Stops every rank (a rank that failed must not leave the others waiting at a barrier).
  [[noreturn]] void abort(int status) const {
#ifdef SPINELOAD_HAVE_MPI
    if (active_) MPI_Abort(MPI_COMM_WORLD, status);
#endif
    std::exit(status);
  }

 private:
  bool active_ = false;
  int rank_ = 0, size_ = 1;
};

}  // namespace spineload::cli
